import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { closePage, cookieFor, preparePage, settle, start, storeConsent } from './harness'

/**
 * Edges of the gate (core/gate.ts) that mutation testing found unguarded,
 * driven through a page (the loader and the real activate chunk), so they
 * hold whatever shape the gate's code takes: what a rule may name, which
 * URLs may load, a nonce page's images, the attributes a script keeps, and
 * an activation that fails.
 */

beforeEach(preparePage)
afterEach(closePage)

// happy-dom has no `nonce` property; browsers reflect the attribute into it.
Object.defineProperty(HTMLElement.prototype, 'nonce', {
  configurable: true,
  get(this: HTMLElement) {
    return this.getAttribute('nonce') || ''
  },
  set(this: HTMLElement, value: string) {
    this.setAttribute('nonce', value)
  }
})

const granted = { preferences: true, analytics: true, advertising: true, affiliate: true }
/** A returning visitor who granted everything (or `categories`), on a page with `body`. */
async function returning(body: string, nonce = '', categories: Record<string, boolean> = granted) {
  document.body.innerHTML = body
  storeConsent(await cookieFor([{}], { categories }))
  await start([{}], nonce)
  await settle()
}
const img = (id: string) => document.getElementById(id) as HTMLImageElement

describe('the gate, at its edges', () => {
  it('a rule is a category id exactly: "ana!lytics" never holds, and the warning names the rule and the page categories', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    await returning('<img id="x" data-category="ana!lytics" data-src="https://px.test/a.gif" alt="">')
    expect(img('x').hasAttribute('src')).toBe(false)
    expect(warn).toHaveBeenCalledWith(
      'nanoconsent: data-category "ana!lytics" is not a category of this page (necessary, preferences, analytics, advertising, affiliate); its tags stay inert'
    )
  })

  it.each([
    ['a scheme that ends in "https"', 'xhttps://px.test/a.gif'],
    ['a URL that does not parse', 'http://[::1/a.gif']
  ])('data-src with %s is refused, by name', async (_, src) => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    await returning(`<img id="x" data-category="analytics" data-src="${src}" alt="">`)
    expect(img('x').hasAttribute('src')).toBe(false)
    expect(error).toHaveBeenCalledWith('nanoconsent: refused to activate a marked <img>: its data-src holds a URL that is not http(s)', img('x'))
  })

  it('on a page with a nonce, a marked image (which carries none) still loads', async () => {
    await returning('<img id="x" data-category="analytics" data-src="https://px.test/a.gif" alt="">', 'n0nce')
    expect(img('x').getAttribute('src')).toBe('https://px.test/a.gif')
  })

  it('an activated script keeps its other attributes, those whose names only contain type, src or nonce included', async () => {
    await returning('<script type="text/plain" data-category="analytics" id="s" data-subtype="a" data-src-note="b" nonce-hint="c">window.__ran = 1</script>')
    const script = document.getElementById('s')!
    expect((window as { __ran?: number }).__ran).toBe(1)
    expect([script.getAttribute('data-subtype'), script.getAttribute('data-src-note'), script.getAttribute('nonce-hint')]).toEqual(['a', 'b', 'c'])
    expect(script.hasAttribute('type')).toBe(false)
  })

  it('an empty marked inline script is activated as an empty script: nothing to run, no error', async () => {
    await returning('<script type="text/plain" data-category="analytics" id="s"></script><script type="text/plain" data-category="analytics">window.__after = 1</script>')
    expect(document.getElementById('s')!.hasAttribute('type')).toBe(false)
    expect(document.getElementById('s')!.textContent).toBe('')
    expect((window as { __after?: number }).__after).toBe(1)
  })

  it('an activation that throws is reported with the tag, and the tags after it still run', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const failure = new Error('replaceWith refused')
    vi.spyOn(Element.prototype, 'replaceWith').mockImplementationOnce(() => {
      throw failure
    })
    await returning(
      '<script type="text/plain" data-category="analytics" id="first">window.__first = 1</script>' +
        '<script type="text/plain" data-category="analytics">window.__second = 1</script>'
    )
    expect(error).toHaveBeenCalledWith('nanoconsent: could not activate', document.getElementById('first'), failure)
    expect((window as { __second?: number }).__second).toBe(1)
  })
})

describe('the gate on a page still being parsed', () => {
  // A loader in <head> whose activate chunk arrives before the parser is done: a marked
  // inline tag may not be read to its end yet, so the gate must not run anything before
  // DOMContentLoaded (the browser suite's pages are always parsed by then).
  let readyState: PropertyDescriptor | undefined
  const setReadyState = (value: string) => Object.defineProperty(document, 'readyState', { configurable: true, get: () => value })
  beforeEach(() => {
    readyState = Object.getOwnPropertyDescriptor(document, 'readyState')
    setReadyState('loading')
  })
  afterEach(() => {
    if (readyState) Object.defineProperty(document, 'readyState', readyState)
    else delete (document as { readyState?: string }).readyState
  })

  it('runs a granted tag only once the document is parsed, and a tag parsed meanwhile once too', async () => {
    const ran = () => (window as unknown as { log: string[] }).log
    storeConsent(await cookieFor([{}], { categories: granted }))
    document.body.innerHTML = '<script type="text/plain" data-category="analytics" id="early">window.log.push("early")</script>'
    const page = await start()
    await settle()
    // activate.js is loaded (analytics is granted), but the gate has not touched the page.
    expect(page.load.mock.calls.map((c) => c[0])).toContain('activate')
    document.body.insertAdjacentHTML('beforeend', '<script type="text/plain" data-category="analytics" id="late">window.log.push("late")</script>')
    await settle()
    expect(ran()).toEqual([])
    expect(document.getElementById('early')!.getAttribute('type')).toBe('text/plain')

    setReadyState('interactive')
    document.dispatchEvent(new Event('DOMContentLoaded'))
    await settle()
    expect(ran()).toEqual(['early', 'late'])
  })
})

describe('what the gate hands the browser', () => {
  type Settings = { happyDOM: { settings: { enableIframePageLoading: boolean } } }
  const settings = () => (window as unknown as Settings).happyDOM.settings
  // An iframe given a src loads an empty page from the fake network, rather than have happy-dom report that it will not.
  beforeEach(() => void (settings().enableIframePageLoading = true))
  afterEach(() => void (settings().enableIframePageLoading = false))

  it('a fallback written with live URLs keeps them: the gate adds no src, srcset or href it was not given', async () => {
    await returning(
      '<img id="still" src="/still.png" alt="" data-category="!advertising">' +
        '<a id="why" href="/why-no-video" data-category="!advertising">Why is there no video?</a>',
      '',
      { analytics: true }
    )
    expect([img('still').hidden, img('still').getAttribute('src'), img('still').hasAttribute('srcset')]).toEqual([false, '/still.png', false])
    expect(document.getElementById('why')!.getAttribute('href')).toBe('/why-no-video')
  })

  it('a marked stylesheet link gets its data-href on the grant; a data-href that is not http(s) is refused, by name', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    await returning(
      '<link id="css" rel="preload" as="style" data-category="analytics" data-href="https://fonts.test/a.css">' +
        '<link id="bad" rel="preload" as="style" data-category="analytics" data-href="javascript:alert(1)">'
    )
    expect(document.getElementById('css')!.getAttribute('href')).toBe('https://fonts.test/a.css')
    expect(document.getElementById('bad')!.hasAttribute('href')).toBe(false)
    expect(error).toHaveBeenCalledWith('nanoconsent: refused to activate a marked <link>: its data-href holds a URL that is not http(s)', document.getElementById('bad'))
  })

  it('data-src is one URL, never read as a srcset: a comma and a space in its query do not make a second URL', async () => {
    await returning('<img id="x" alt="" data-category="analytics" data-src="https://img.test/a.gif?title=Intro, part:2">')
    expect(img('x').getAttribute('src')).toBe('https://img.test/a.gif?title=Intro,%20part:2')
  })

  it('a placeholder box never overflows its container: at most its width, border included, scrolling what does not fit', async () => {
    document.body.innerHTML = '<iframe id="f" width="560" height="315" data-category="advertising" data-src="https://embed.test/v"></iframe>'
    await start()
    await settle()
    const box = document.getElementById('f')!.previousElementSibling as HTMLElement
    expect(box.dataset.nanoconsent).toBe('placeholder')
    expect([box.style.maxWidth, box.style.boxSizing, box.style.overflow]).toEqual(['100%', 'border-box', 'auto'])
  })
})
