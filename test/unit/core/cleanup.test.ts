import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest'
import { deleteCookies } from '../../../src/core/cleanup'
import { cookiePlaces } from '../../../src/core/cookie-places'
import { closePage, cookieJar, preparePage } from './harness'

beforeEach(preparePage)
afterEach(closePage)

let writes: MockInstance
const set = (...pairs: string[]) => {
  for (const p of pairs) document.cookie = `${p}; path=/`
  writes = vi.spyOn(document, 'cookie', 'set')
}
/** The deletion writes, with the (past) expiry checked and taken out. */
const deletions = () =>
  writes.mock.calls.map(([w]) => {
    const expires = /; expires=([^;]+)/.exec(String(w))
    expect(expires, String(w)).not.toBeNull()
    expect(Date.parse(expires![1]!)).toBeLessThan(Date.now())
    return String(w).replace(expires![0], '')
  })

describe('deleteCookies: on every domain level a cookie may sit on', () => {
  it('a pattern deletes host-only, then on each parent domain, with path=/ and an expiry in the past', () => {
    set('_ga_ABC123=GS1.1', 'keep=1')
    expect(deleteCookies(['_ga_*'], 'www.shop.example.com')).toEqual(['_ga_ABC123'])
    expect(deletions()).toEqual([
      '_ga_ABC123=; path=/',
      '_ga_ABC123=; path=/; domain=www.shop.example.com',
      '_ga_ABC123=; path=/; domain=shop.example.com',
      '_ga_ABC123=; path=/; domain=example.com'
    ])
    expect(cookieJar()).toEqual({ keep: '1' })
  })

  it('an exact name matches only itself; a pattern matches only its shape', () => {
    set('_ga=1', '_ga_X=2', '_gat_UA1=3', '_gid=4', 'x_ga=5', '_fbp=6')
    expect(deleteCookies(['_ga', '_gat*'], 'example.com').sort()).toEqual(['_ga', '_gat_UA1'])
    expect(cookieJar()).toEqual({ _ga_X: '2', _gid: '4', x_ga: '5', _fbp: '6' })
  })

  it('dots and other regex characters in a name are literal', () => {
    set('a.b=1', 'aXb=2')
    expect(deleteCookies(['a.b'], 'example.com')).toEqual(['a.b'])
    expect(cookieJar()).toEqual({ aXb: '2' })
  })

  it('cookies that match nothing are never written to', () => {
    set('session=abc', 'lang=fr')
    expect(deleteCookies(['_ga_*', '_fbp'], 'www.example.com')).toEqual([])
    expect(writes).not.toHaveBeenCalled()
    expect(cookieJar()).toEqual({ session: 'abc', lang: 'fr' })
  })

  it('where the page has no cookie jar (a sandboxed iframe) it finds nothing and throws nothing, so the rest of a withdrawal goes on', () => {
    const refuse = () => {
      throw new DOMException('sandboxed', 'SecurityError')
    }
    Object.defineProperty(document, 'cookie', { configurable: true, get: refuse, set: refuse })
    try {
      expect(deleteCookies(['_ga', '_fbp'], 'example.com')).toEqual([])
    } finally {
      delete (document as { cookie?: string }).cookie
    }
  })

  it('on an IP address or localhost only the host-only cookie is deleted', () => {
    set('_fbp=1')
    deleteCookies(['_fbp'], '192.168.1.10')
    expect(deletions()).toEqual(['_fbp=; path=/'])
    vi.restoreAllMocks()
    set('_fbp=1')
    deleteCookies(['_fbp'], 'localhost')
    expect(deletions()).toEqual(['_fbp=; path=/'])
  })

  it('on a deeper page, on every path prefix too: a cookie left at path=/blog is found and deleted', () => {
    history.replaceState(null, '', '/blog/post')
    document.cookie = '_ga=1; path=/blog'
    document.cookie = '_ga=2; path=/'
    document.cookie = 'keep=3; path=/blog'
    expect(deleteCookies(['_ga'], 'localhost')).toEqual(['_ga'])
    expect(cookieJar()).toEqual({ keep: '3' })
  })
})

describe('cookiePlaces: every place a cookie of this page may sit', () => {
  it('host-only and each parent domain, times each path prefix (with and without the trailing slash)', () => {
    const places = cookiePlaces('www.shop.example.com', '/blog/post')
    const paths = ['/', '/blog', '/blog/', '/blog/post', '/blog/post/']
    expect(places).toEqual([undefined, 'www.shop.example.com', 'shop.example.com', 'example.com'].flatMap((domain) => paths.map((path) => (domain ? { domain, path } : { path }))))
  })

  it('a host name that begins or ends with digits is a name, not an IP address: its parent domains count', () => {
    expect(cookiePlaces('1password.com', '/')).toEqual([{ path: '/' }, { domain: '1password.com', path: '/' }])
    expect(cookiePlaces('app.lab2', '/')).toEqual([{ path: '/' }, { domain: 'app.lab2', path: '/' }])
  })

  it('an IP address or a single-label host has no parent domain; the root path is one place', () => {
    expect(cookiePlaces('192.168.1.10', '/')).toEqual([{ path: '/' }])
    expect(cookiePlaces('localhost', '/')).toEqual([{ path: '/' }])
    expect(cookiePlaces('[::1]', '/a/')).toEqual([{ path: '/' }, { path: '/a' }, { path: '/a/' }])
  })
})
