// @vitest-environment node
// nanoconsent/server runs on servers and edge runtimes: no DOM. The tag it
// returns is parsed with happy-dom's HTML parser, as a browser would read it.
import fc from 'fast-check'
import { Window } from 'happy-dom'
import { describe, expect, it } from 'vitest'
import { firstVisitHint, firstVisitLink, hasConsentCookie } from '../../../src/server'

/** The elements a browser builds from `html` placed in <head>. */
function parseHead(html: string): Element[] {
  const window = new Window()
  window.document.write(`<!doctype html><html><head>${html}</head><body></body></html>`)
  const elements = [...window.document.head.children, ...window.document.body.children] as unknown as Element[]
  return elements
}

const ASSETS = { assetsUrl: '/nanoconsent/' }

describe('hasConsentCookie', () => {
  it('finds the cookie by exact name anywhere in the header', () => {
    expect(hasConsentCookie('nanoconsent=1.abc')).toBe(true)
    expect(hasConsentCookie('_ga=GA1.1; nanoconsent=1.abc; theme=dark')).toBe(true)
    expect(hasConsentCookie('_ga=GA1.1;nanoconsent=1.abc')).toBe(true)
  })

  it('ignores other cookies whose name contains it, and an empty value', () => {
    expect(hasConsentCookie('my_nanoconsent=1; nanoconsent_old=2')).toBe(false)
    expect(hasConsentCookie('x=nanoconsent=1')).toBe(false)
    expect(hasConsentCookie('nanoconsent=')).toBe(false)
    expect(hasConsentCookie('nanoconsent')).toBe(false)
  })

  it('is false without a header', () => {
    expect(hasConsentCookie(undefined)).toBe(false)
    expect(hasConsentCookie(null)).toBe(false)
    expect(hasConsentCookie('')).toBe(false)
  })

  it('reads an owner-chosen cookie name', () => {
    expect(hasConsentCookie('shop_consent=1.abc', 'shop_consent')).toBe(true)
    expect(hasConsentCookie('nanoconsent=1.abc', 'shop_consent')).toBe(false)
  })
})

describe('firstVisitHint: the tag', () => {
  it('is an async module script for ui.js in the assets folder when there is no consent cookie', () => {
    expect(firstVisitHint(undefined, ASSETS)).toBe('<script type="module" async src="/nanoconsent/ui.js"></script>')
    expect(firstVisitHint('_ga=GA1.1', ASSETS)).toBe('<script type="module" async src="/nanoconsent/ui.js"></script>')
  })

  it('is empty when the consent cookie is present, under its configured name', () => {
    expect(firstVisitHint('nanoconsent=1.abc', ASSETS)).toBe('')
    expect(firstVisitHint('shop_consent=1.abc', { ...ASSETS, cookieName: 'shop_consent' })).toBe('')
    expect(firstVisitHint('nanoconsent=1.abc', { ...ASSETS, cookieName: 'shop_consent' })).not.toBe('')
  })

  it('adds the missing slash, as the loader does with assetsUrl', () => {
    expect(firstVisitHint(null, { assetsUrl: 'https://cdn.example/nc' })).toContain('src="https://cdn.example/nc/ui.js"')
    expect(firstVisitHint(null, { assetsUrl: './static/nc/' })).toContain('src="./static/nc/ui.js"')
  })

  it('carries the CSP nonce', () => {
    const [script] = parseHead(firstVisitHint(null, { ...ASSETS, nonce: 'r4nd0m+/=' }))
    // The parser moves nonce out of the attribute; the property keeps it.
    expect((script as HTMLScriptElement).nonce || script!.getAttribute('nonce')).toBe('r4nd0m+/=')
    expect(firstVisitHint(null, ASSETS)).not.toContain('nonce')
  })

  it('escapes the URL and the nonce: whatever they hold, the browser reads one script with that exact src', () => {
    const evil = '/a"><script>alert(1)</script><x/y=\'/'
    const html = firstVisitHint(null, { assetsUrl: evil, nonce: '"><img src=x onerror=alert(2)>' })
    const elements = parseHead(html)
    expect(elements.map((e) => e.tagName)).toEqual(['SCRIPT'])
    expect(elements[0]!.getAttribute('src')).toBe(evil + 'ui.js')
    expect(elements[0]!.getAttribute('type')).toBe('module')
    expect(elements[0]!.textContent).toBe('')
  })

  it('round-trips any printable relative path through the HTML parser', () => {
    const path = fc.string({ unit: fc.constantFrom(...'/.-_~%&<>"\'=?#ab9éあ'), minLength: 1 }).map((s) => '/' + s)
    fc.assert(
      fc.property(path, (url) => {
        const elements = parseHead(firstVisitHint(null, { assetsUrl: url }))
        expect(elements).toHaveLength(1)
        expect(elements[0]!.getAttribute('src')).toBe(url.replace(/\/?$/, '/') + 'ui.js')
      }),
      { numRuns: 200 }
    )
  })
})

describe('firstVisitLink: the Link header value', () => {
  it('is a modulepreload of ui.js when there is no consent cookie, null when there is', () => {
    expect(firstVisitLink('theme=dark', ASSETS)).toBe('</nanoconsent/ui.js>; rel=modulepreload')
    expect(firstVisitLink('theme=dark; nanoconsent=1.abc', ASSETS)).toBeNull()
    expect(firstVisitLink('shop_consent=1', { ...ASSETS, cookieName: 'shop_consent' })).toBeNull()
  })

  it('keeps the target inside <…> and the value ASCII, as Node and fetch Headers require', () => {
    const link = firstVisitLink(null, { assetsUrl: 'https://cdn.example/a>b/é/%20/' })!
    expect(link).toBe('<https://cdn.example/a%3Eb/%C3%A9/%20/ui.js>; rel=modulepreload')
    expect(() => new Headers({ Link: link })).not.toThrow()
  })
})

describe('assetsUrl is checked before anything is emitted', () => {
  const refused = [
    'javascript:alert(1)//',
    'JavaScript:alert(1)',
    'data:text/javascript,alert(1)//',
    'vbscript:x',
    'file:///etc/',
    'java\tscript:alert(1)',
    'https://cdn.example/\n/',
    ' /nanoconsent/',
    '/nano consent/'
  ]
  it.each(refused)('refuses %j, naming the option, with or without a consent cookie', (assetsUrl) => {
    for (const cookie of [undefined, 'nanoconsent=1.abc']) {
      expect(() => firstVisitHint(cookie, { assetsUrl })).toThrow(/options\.assetsUrl/)
      expect(() => firstVisitLink(cookie, { assetsUrl })).toThrow(/options\.assetsUrl/)
    }
  })

  it('refuses a missing or empty assetsUrl', () => {
    for (const options of [{}, { assetsUrl: '' }, { assetsUrl: '   ' }, { assetsUrl: 42 }]) {
      expect(() => firstVisitHint(null, options as never)).toThrow(/options\.assetsUrl must be the folder/)
    }
    expect(() => firstVisitHint(null, undefined as never)).toThrow(/options\.assetsUrl/)
  })

  it('accepts http(s) URLs, in any case, protocol-relative URLs and relative paths', () => {
    for (const assetsUrl of ['http://a.example/', 'HTTPS://a.example/nc/', '//cdn.example/nc/', '/nc/', 'nc/', '../nc/', '/nc/v1:2/']) {
      expect(firstVisitHint(null, { assetsUrl })).toContain('ui.js')
    }
  })
})
