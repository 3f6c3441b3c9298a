import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { encodeChoice, type StoredChoice } from '../../../src/core/cookie-codec'
import { removeConsentCookies, setCookie } from '../../../src/core/consent-cookie'
import { readConfig } from '../../../src/core/config'
import { asked, click, closePage, cookieFor, cookieValues, nextPage, preparePage, screen, settle, start, visit } from './harness'

/**
 * One consent cookie, wherever old ones were left. An older `cookieDomain`
 * or a `path=/blog` leftover must neither hide a new choice nor eat it:
 * reading takes the newest valid one, and writing deletes the others.
 */

let errors: string[] = []
const listen = () => {
  vi.spyOn(console, 'error').mockImplementation((m) => void errors.push(String(m)))
  vi.spyOn(console, 'warn').mockImplementation(() => {})
}
/** The next page of the same visitor; the console is still listened to. */
const next = async (url: string) => {
  await nextPage(url)
  listen()
}
beforeEach(() => {
  preparePage()
  errors = []
  listen()
})
afterEach(closePage)

const HOUR = 3600_000
const choice = (over: Partial<StoredChoice>): string =>
  encodeChoice({ id: 'AAAAAAAAAAAAAAAA', time: Date.now() - HOUR, revision: 1, method: 'custom', categories: { necessary: true, analytics: false }, ...over })
/** Puts a consent cookie at path=/ (or `path`), host-only (or at `domain`). */
const put = (value: string, { path = '/', domain = '' } = {}) => (document.cookie = `nanoconsent=${value}; path=${path}${domain ? `; domain=${domain}` : ''}`)
const all = { decided: true, necessary: true, preferences: true, analytics: true, advertising: true, affiliate: true }

describe('reading: the newest valid consent cookie the page sees', () => {
  beforeEach(() => visit('http://www.shop.example/blog/post'))

  it.each([
    ['the parent domain’s', 'BBBBBBBBBBBBBBBB'],
    ['the /blog path’s', 'CCCCCCCCCCCCCCCC'],
    ['the host’s own', 'DDDDDDDDDDDDDDDD']
  ])('%s, when it is the newest', async (_, newestId) => {
    const places: [string, { path?: string; domain?: string }][] = [
      ['BBBBBBBBBBBBBBBB', { domain: 'shop.example' }],
      ['CCCCCCCCCCCCCCCC', { path: '/blog' }],
      ['DDDDDDDDDDDDDDDD', {}]
    ]
    for (const [id, where] of places) put(choice({ id, time: Date.now() - (id == newestId ? 1 : 2) * HOUR, method: id == newestId ? 'accept-all' : 'reject-all' }), where)
    put('garbage', { path: '/blog/post' })
    expect(cookieValues()).toHaveLength(4)
    const { api } = await start()
    expect(api.record()).toMatchObject({ id: newestId, method: 'accept-all' })
  })

  it('an unreadable cookie beside a valid one does not hide it', async () => {
    put('2.1.not-a-time.c.AAAAAAAAAAAAAAAA.analytics', { domain: 'shop.example' })
    put(choice({ id: 'EEEEEEEEEEEEEEEE' }))
    const { api } = await start()
    expect(api.record()!.id).toBe('EEEEEEEEEEEEEEEE')
  })

  it('the newest choice is the visitor’s will even when it no longer holds: an older one does not come back', async () => {
    // Chosen last on a page still at revision 1; the revision-2 choice before it was changed.
    put(choice({ id: 'LASTCHOICE000000', revision: 1, time: Date.now() - HOUR }), { domain: 'shop.example' })
    put(choice({ id: 'EARLIERCHOICE000', revision: 2, time: Date.now() - 2 * HOUR }))
    const page = await start([{ revision: 2 }])
    await settle()
    expect(page.api.record()).toBeNull()
    expect(asked(page)).toBe(true)
  })
})

describe('writing: one consent cookie afterwards, wherever the others were', () => {
  const stale = () => {
    put(choice({ id: 'PARENTDOMAIN0000', method: 'accept-all' }), { domain: 'shop.example' })
    document.cookie = `nanoconsent=${choice({ id: 'BLOGPATH00000000', method: 'accept-all', time: Date.now() - 2 * HOUR })}; path=/blog`
  }

  it('a new choice on /blog/post deletes the stale cookies on the parent domain and on /blog', async () => {
    visit('http://www.shop.example/blog/post')
    stale()
    expect(cookieValues()).toHaveLength(2)
    const { api } = await start()
    await api.rejectAll()
    await settle()
    expect(cookieValues()).toEqual([expect.stringMatching(/^2\.1\.[a-z\d]+\.r\.PARENTDOMAIN0000\./)])
    expect(errors).toEqual([])
  })

  it('the new choice holds when the tab shows again, on /blog/post and on /shop, and after a reload there', async () => {
    visit('http://www.shop.example/blog/post')
    stale()
    const first = await start()
    await first.api.rejectAll()
    await settle()
    const kept = cookieValues()
    first.show.mockClear()
    document.dispatchEvent(new Event('visibilitychange'))
    await settle()
    expect(first.api.record()!.method).toBe('reject-all')
    expect(first.show).not.toHaveBeenCalled()
    expect(screen.bannerShown()).toBe(false)

    for (const url of ['http://www.shop.example/shop', 'http://www.shop.example/blog/post']) {
      await next(url)
      const page = await start()
      document.dispatchEvent(new Event('visibilitychange'))
      await settle()
      expect(cookieValues()).toEqual(kept)
      expect(page.api.record()!.method).toBe('reject-all')
    }
  })

  it('…and the reloaded pages do not ask', async () => {
    visit('http://www.shop.example/blog/post')
    stale()
    const first = await start()
    await first.api.rejectAll()
    for (const url of ['http://www.shop.example/shop', 'http://www.shop.example/blog/post']) {
      await next(url)
      const page = await start()
      await settle()
      expect(page.api.get()).toEqual({ ...all, preferences: false, analytics: false, advertising: false, affiliate: false })
      expect(asked(page)).toBe(false)
    }
  })

  it('a cookieDomain changed between visits: the next choice leaves one cookie, at the new place', async () => {
    visit('http://www.shop.example/')
    const first = await start([{ cookieDomain: '.shop.example' }])
    await first.api.acceptAll()
    await settle()
    // Written for the whole site: another subdomain sees it.
    await next('http://blog.shop.example/')
    expect(cookieValues()).toHaveLength(1)

    await next('http://www.shop.example/')
    const second = await start([{}])
    await second.api.rejectAll()
    await settle()
    expect(cookieValues()).toEqual([expect.stringMatching(/\.r\./)])
    // Host-only now: the other subdomain no longer sees any consent cookie.
    await next('http://blog.shop.example/')
    expect(cookieValues()).toEqual([])
  })

  it('the consent cookie’s attributes: path=/, SameSite=Lax, host-only by default, expiring after expiresAfterDays', async () => {
    const writes = vi.spyOn(document, 'cookie', 'set')
    const { api } = await start([{ expiresAfterDays: 10 }])
    await api.rejectAll()
    const write = writes.mock.calls.map(([w]) => String(w)).find((w) => /^nanoconsent=2\./.test(w))!
    const attributes = write.split('; ').slice(1).map((a) => a.split('=')[0]).sort()
    // No Secure on http (the browser suite checks https); no domain unless cookieDomain.
    expect(attributes).toEqual(['expires', 'path', 'sameSite'])
    expect(write).toContain('; path=/')
    expect(write).toContain('; sameSite=Lax')
    const days = (Date.parse(/expires=([^;]+)/.exec(write)![1]!) - Date.now()) / 864e5
    expect(days).toBeGreaterThan(9.9)
    expect(days).toBeLessThanOrEqual(10)
  })

  it('on https the consent cookie is Secure too', async () => {
    visit('https://www.shop.example/')
    const writes = vi.spyOn(document, 'cookie', 'set')
    const { api } = await start([{}])
    await api.rejectAll()
    const write = writes.mock.calls.map(([w]) => String(w)).find((w) => /^nanoconsent=2\./.test(w))!
    expect(write.split('; ').slice(1).map((a) => a.split('=')[0]).sort()).toEqual(['expires', 'path', 'sameSite', 'secure'])
  })
})

describe('a tracker’s own cookie (the affiliate click id), once its category is granted', () => {
  const written = (url: string) => {
    visit(url)
    const writes = vi.spyOn(document, 'cookie', 'set')
    setCookie('aff_id', 'x1', 30)
    const write = String(writes.mock.calls[0]![0])
    const days = (Date.parse(/expires=([^;]+)/.exec(write)![1]!) - Date.now()) / 864e5
    return { attributes: write.split('; ').slice(1).map((a) => a.split('=')[0]).sort(), write, days }
  }

  it('lives `days` on the whole site, SameSite=Lax, not Secure on http', () => {
    const { attributes, write, days } = written('http://www.shop.example/blog/post')
    expect(attributes).toEqual(['expires', 'path', 'sameSite'])
    expect(write).toMatch(/^aff_id=x1; /)
    expect(write).toContain('; path=/;')
    expect(write).toContain('; sameSite=Lax')
    expect(days).toBeGreaterThan(29.9)
    expect(days).toBeLessThanOrEqual(30)
  })

  it('is Secure on https', () => {
    expect(written('https://www.shop.example/').attributes).toEqual(['expires', 'path', 'sameSite', 'secure'])
  })
})

it('removing the consent cookies where the page has no cookie jar (a sandboxed iframe) throws nothing: there is nothing to remove', () => {
  const refuse = () => {
    throw new DOMException('sandboxed', 'SecurityError')
  }
  // One accessor for both (two spies on one property do not restore cleanly).
  Object.defineProperty(document, 'cookie', { configurable: true, get: refuse, set: refuse })
  try {
    expect(() => removeConsentCookies(readConfig([]))).not.toThrow()
  } finally {
    delete (document as { cookie?: string }).cookie
  }
})

describe('a refused cookie (cookies blocked): the choice holds for the page and the tab', () => {
  const refuseCookies = () => vi.spyOn(document, 'cookie', 'set').mockImplementation(() => {})

  it('through visibility changes, which read the cookie again', async () => {
    refuseCookies()
    const page = await start()
    await settle()
    click('accept-all')
    await settle()
    expect(page.api.get()).toEqual(all)
    expect(cookieValues()).toEqual([])
    expect(errors.some((m) => /refused the consent cookie/.test(m))).toBe(true)
    page.show.mockClear()

    document.dispatchEvent(new Event('visibilitychange'))
    await settle()
    expect(page.api.get()).toEqual(all)
    expect(page.api.record()!.method).toBe('accept-all')
    expect(page.show).not.toHaveBeenCalled()
    expect(screen.bannerShown()).toBe(false)
  })

  it('an older cookie the browser still holds does not undo it when the tab shows again', async () => {
    put(choice({ id: 'OLDERCHOICE00000', method: 'reject-all', time: Date.now() - HOUR }))
    refuseCookies()
    const { api } = await start()
    await api.acceptAll()
    await settle()
    document.dispatchEvent(new Event('visibilitychange'))
    await settle()
    expect(api.get()).toEqual(all)
    expect(api.record()!.method).toBe('accept-all')
  })
})

it('a stale cookie in the 0.1 format beside a valid one does not hide it, and is not migrated over it', async () => {
  visit('http://www.shop.example/')
  put('1.0.1.tnto00.r.Qm9va3NoZWxmMDAx.1fupwko', { domain: 'shop.example' })
  put(await cookieFor([{}], { id: 'NEWFORMAT0000000', categories: {}, method: 'accept-all' }))
  const { api } = await start()
  await settle()
  expect(api.record()).toMatchObject({ id: 'NEWFORMAT0000000', method: 'accept-all' })
})
