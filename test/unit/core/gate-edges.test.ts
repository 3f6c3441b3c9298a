import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { closePage, cookieFor, loads, preparePage, reflectNonce, settle, start, storeConsent } from './harness'

/**
 * Edges of the gate (core/gate.ts) that mutation testing found unguarded,
 * driven through a page (the loader and the real activate chunk), so they
 * hold whatever shape the gate's code takes: what a rule may name, which
 * URLs may load, a nonce page's images, the attributes a script keeps, and
 * an activation that fails.
 */

beforeEach(preparePage)
afterEach(closePage)

reflectNonce()

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

  it('the parse ends while another tab\'s grant waits for its Consent Mode update: the script still waits for the update', async () => {
    const ran = () => (window as unknown as { log: string[] }).log
    storeConsent(await cookieFor([{}], { categories: { preferences: true } }))
    const newer = await cookieFor([{}], { categories: { preferences: true, analytics: true }, time: Date.now() })
    document.body.innerHTML =
      '<script type="text/plain" data-category="analytics">' +
      'window.log.push(window.dataLayer.some((e) => e[0] == "consent" && e[1] == "update" && e[2].analytics_storage == "granted") ? "after the update" : "before the update")' +
      '</script>'
    const page = await start()
    await settle()
    expect(loads(page)).toEqual(['activate'])
    storeConsent(newer)
    document.dispatchEvent(new Event('visibilitychange'))
    setReadyState('interactive')
    document.dispatchEvent(new Event('DOMContentLoaded'))
    await settle()
    expect(ran()).toEqual(['after the update'])
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

describe('what a rule applies to, and how', () => {
  type Settings = { happyDOM: { settings: { enableIframePageLoading: boolean } } }
  const settings = () => (window as unknown as Settings).happyDOM.settings
  beforeEach(() => void (settings().enableIframePageLoading = true))
  afterEach(() => void (settings().enableIframePageLoading = false))
  const attr = (id: string, name: string) => document.getElementById(id)!.getAttribute(name)

  it('a video and its sources load on a grant and stop on a withdrawal (load() each time), with no placeholder; an image is activated once', async () => {
    const error = vi.spyOn(console, 'error')
    const load = vi.spyOn(HTMLMediaElement.prototype, 'load').mockImplementation(() => {})
    document.body.innerHTML =
      '<video id="v" data-category="advertising"><source id="s" data-src="https://media.test/a.mp4"></video>' +
      '<audio id="a" data-category="advertising" data-src="https://media.test/a.mp3"></audio>' +
      '<img id="i" alt="" data-category="advertising" data-src="https://img.test/a.gif">' +
      '<picture><source id="ps" data-srcset="https://img.test/b.webp"><img id="pi" alt="" data-category="advertising" data-src="https://img.test/b.jpg"></picture>'
    const { api } = await start([{ reloadOnRevoke: false }])
    await settle()
    api.set({ advertising: true })
    await settle()
    expect([attr('s', 'src'), attr('a', 'src'), attr('i', 'src'), attr('ps', 'srcset')]).toEqual([
      'https://media.test/a.mp4',
      'https://media.test/a.mp3',
      'https://img.test/a.gif',
      'https://img.test/b.webp'
    ])
    expect(load.mock.contexts.map((m) => (m as Element).id).sort()).toEqual(['a', 'v'])
    api.set({ advertising: false })
    await settle()
    // The media stop (their URLs are taken back, and load() makes them let go); what was fetched once stays.
    expect([attr('s', 'src'), attr('a', 'src'), attr('i', 'src'), attr('ps', 'srcset')]).toEqual([null, null, 'https://img.test/a.gif', 'https://img.test/b.webp'])
    expect(load).toHaveBeenCalledTimes(4)
    expect(document.querySelector('[data-nanoconsent="placeholder"]')).toBeNull()
    expect([document.getElementById('v')!.hidden, document.getElementById('a')!.hidden]).toEqual([false, false])
    expect(error).not.toHaveBeenCalled()
  })

  it('custom elements named after an embed (<video-js>, <x-iframe>) are tags like any other: activated once', async () => {
    document.body.innerHTML =
      '<video-js id="vj" data-category="advertising" data-src="https://media.test/v"></video-js>' +
      '<x-iframe id="xi" data-category="advertising" data-src="https://media.test/f"></x-iframe>'
    const { api } = await start([{ reloadOnRevoke: false }])
    api.set({ advertising: true })
    await settle()
    api.set({ advertising: false })
    await settle()
    expect([attr('vj', 'src'), attr('xi', 'src')]).toEqual(['https://media.test/v', 'https://media.test/f'])
  })

  it('an iframe marked with nothing held back (no data-src) is left as the owner wrote it: not hidden, no placeholder', async () => {
    document.body.innerHTML = '<iframe id="f" data-category="advertising"></iframe>'
    await start()
    await settle()
    expect(document.getElementById('f')!.hidden).toBe(false)
    expect(document.querySelector('[data-nanoconsent="placeholder"]')).toBeNull()
  })

  it('a source without a rule takes only a <picture>\'s image\'s: one in an unmarked video is left alone, whatever the fallback content says', async () => {
    document.body.innerHTML = '<video><source id="s" data-src="https://media.test/a.mp4"><img alt="" data-category="advertising" data-src="https://img.test/poster.gif"></video>'
    const { api } = await start()
    api.set({ advertising: true })
    await settle()
    expect(attr('s', 'src')).toBeNull()
  })

  it('a <picture> without an image (broken markup) does not stop the gate: the tags after it are activated', async () => {
    document.body.innerHTML = '<picture><source data-srcset="https://img.test/a.webp"></picture><img id="i" alt="" data-category="advertising" data-src="https://img.test/a.gif">'
    const { api } = await start()
    api.set({ advertising: true })
    await settle()
    expect(attr('i', 'src')).toBe('https://img.test/a.gif')
  })

  it('the UI fills a placeholder box: the embed\'s host and category, and a button that grants that category and loads the embed', async () => {
    document.body.innerHTML = '<iframe id="f" width="560" height="315" data-category="advertising" data-src="https://embed.test/v"></iframe>'
    const { api } = await start()
    await settle()
    const root = document.getElementById('f')!.previousElementSibling!.shadowRoot!
    expect(root.querySelector('p')!.textContent).toBe('This content from \u2068embed.test\u2069 loads once you allow “Advertising” cookies.')
    root.querySelector('button')!.click()
    await settle()
    expect(attr('f', 'src')).toBe('https://embed.test/v')
    expect(api.get().advertising).toBe(true)
  })
})

describe('scripts run under a state Consent Mode has heard', () => {
  // Fallbacks and embeds follow a change at once; a newly granted script waits until the change
  // chunk has pushed the Consent Mode update (activate.ts), or a gtag.js configured before it sends
  // its first hit denied. Another tab's choice is adopted before change.js is even loaded.
  const probe =
    '<script type="text/plain" data-category="analytics">' +
    'window.log.push(window.dataLayer.some((e) => e[0] == "consent" && e[1] == "update" && e[2].analytics_storage == "granted") ? "after the update" : "before the update")' +
    '</script>'
  const ran = () => (window as unknown as { log: string[] }).log

  it('another tab grants analytics while the page changes: the script runs once, after the update', async () => {
    storeConsent(await cookieFor([{}], { categories: { preferences: true } }))
    const newer = await cookieFor([{}], { categories: { preferences: true, analytics: true }, time: Date.now() })
    document.body.innerHTML = probe
    const page = await start()
    await settle()
    // The gate is there (preferences are granted); change.js is not.
    expect(loads(page)).toEqual(['activate'])
    storeConsent(newer)
    document.dispatchEvent(new Event('visibilitychange'))
    document.body.append(document.createElement('p'))
    await settle()
    expect(page.api.get().analytics).toBe(true)
    expect(ran()).toEqual(['after the update'])
  })
})
