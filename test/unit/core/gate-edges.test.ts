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
/** A returning visitor who granted everything, on a page with `body`. */
async function returning(body: string, nonce = '') {
  document.body.innerHTML = body
  storeConsent(await cookieFor([{}], { categories: granted }))
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
