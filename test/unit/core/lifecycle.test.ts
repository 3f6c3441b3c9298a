import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readConfig } from '../../../src/core/config'
import { decodeChoice } from '../../../src/core/cookie-codec'
import type { UiContext } from '../../../src/core/types'
import { closePage, cookieFor, cookieJar, FakeChannel, nextPage, preparePage, settle, start, storeConsent, type Page } from './harness'

beforeEach(preparePage)
afterEach(closePage)

const undecided = { decided: false, necessary: true, preferences: false, analytics: false, advertising: false, affiliate: false }
const all = { decided: true, necessary: true, preferences: true, analytics: true, advertising: true, affiliate: true }
const notices = (page: Page) => (page.mount.mock.calls[0]![0] as UiContext).notices
/** The choice in the consent cookie, as the next page would read it. */
const stored = (sources: unknown[] = [{}]) => {
  const { config, fingerprint } = readConfig(sources)
  return decodeChoice(cookieJar().nanoconsent, config.categories.map((c) => c.id), fingerprint, Date.now())
}
const log = () => (window as unknown as { log: string[] }).log

describe('revision', () => {
  it('a choice made under revision 1 is void under revision 2: banner, and notices.revisionChanged', async () => {
    storeConsent(await cookieFor([{ revision: 1 }], { categories: { analytics: true } }))
    const page = await start([{ revision: 2 }])
    expect(page.api.get()).toEqual(undecided)
    await settle()
    expect(page.ui.showBanner).toHaveBeenCalled()
    expect(notices(page).revisionChanged).toBe(true)
    page.api.acceptAll()
    await settle()
    expect(notices(page).revisionChanged).toBe(false)
    expect(stored([{ revision: 2 }])!.revision).toBe(2)
  })

  it('the same revision holds, and says nothing changed', async () => {
    storeConsent(await cookieFor([{ revision: 2 }], { categories: { analytics: true } }))
    const page = await start([{ revision: 2 }])
    expect(page.api.get()).toEqual({ ...undecided, decided: true, analytics: true })
    page.api.showBanner()
    await settle()
    expect(notices(page).revisionChanged).toBe(false)
  })
})

describe('expiry', () => {
  it('expiresAfterDays: 1 and a choice made 2 days ago: no consent', async () => {
    storeConsent(await cookieFor([{ expiresAfterDays: 1 }], { categories: { analytics: true }, time: Date.now() - 2 * 864e5 }))
    const page = await start([{ expiresAfterDays: 1 }])
    expect(page.api.get()).toEqual(undecided)
    await settle()
    expect(page.ui.showBanner).toHaveBeenCalled()
  })

  it('expiresAfterDays: 1 and a choice made 12 hours ago: consent holds', async () => {
    storeConsent(await cookieFor([{ expiresAfterDays: 1 }], { categories: { analytics: true }, time: Date.now() - 432e5 }))
    const page = await start([{ expiresAfterDays: 1 }])
    expect(page.api.get().analytics).toBe(true)
  })

  it('the consent cookie itself expires after expiresAfterDays', async () => {
    const writes = vi.spyOn(document, 'cookie', 'set')
    const page = await start([{ expiresAfterDays: 10 }])
    page.api.rejectAll()
    await settle()
    const write = writes.mock.calls.map(([w]) => String(w)).find((w) => w.startsWith('nanoconsent='))!
    const attributes = write.split('; ').slice(1).map((a) => a.split('=')[0]).sort()
    // SameSite=Lax; no Secure on http; host-only (no domain) by default.
    expect(attributes).toEqual(['expires', 'path', 'sameSite'])
    expect(write).toContain('; path=/')
    expect(write).toContain('; sameSite=Lax')
    const days = (Date.parse(/expires=([^;]+)/.exec(write)![1]!) - Date.now()) / 864e5
    expect(days).toBeGreaterThan(9.9)
    expect(days).toBeLessThanOrEqual(10)
  })
})

describe('Global Privacy Control', () => {
  const gpcOn = () => Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true })

  it('is noticed, and accept all grants all but advertising and affiliate, recorded as "gpc"', async () => {
    gpcOn()
    const page = await start()
    await settle()
    expect(notices(page).gpc).toBe(true)
    page.api.acceptAll()
    await settle()
    expect(page.api.get()).toEqual({ ...all, advertising: false, affiliate: false })
    expect(page.api.record()!.method).toBe('gpc')
    expect(stored()!.method).toBe('gpc')
  })

  it('a visitor may still grant advertising explicitly', async () => {
    gpcOn()
    const page = await start()
    page.api.set({ advertising: true })
    await settle()
    expect(page.api.get().advertising).toBe(true)
  })

  it('respectGpc: false: a normal accept all', async () => {
    gpcOn()
    const page = await start([{ respectGpc: false }])
    await settle()
    expect(notices(page).gpc).toBe(false)
    page.api.acceptAll()
    await settle()
    expect(page.api.get()).toEqual(all)
    expect(page.api.record()!.method).toBe('accept-all')
  })

  it('without the signal: gpc is not noticed', async () => {
    const page = await start()
    await settle()
    expect(notices(page).gpc).toBe(false)
  })
})

describe('other tabs', () => {
  const otherTab = () => new FakeChannel('nanoconsent:nanoconsent')

  it('a choice is announced on the BroadcastChannel after the cookie is written', async () => {
    const cookieWhenPosted: (string | undefined)[] = []
    vi.spyOn(FakeChannel.prototype, 'postMessage').mockImplementation(() => void cookieWhenPosted.push(cookieJar().nanoconsent))
    const { api } = await start()
    api.set({ analytics: true })
    await settle()
    expect(FakeChannel.prototype.postMessage).toHaveBeenCalledOnce()
    expect(cookieWhenPosted[0]).toBe(cookieJar().nanoconsent)
    expect(cookieWhenPosted[0]).toBeTruthy()
  })

  it('a message from another tab: the store follows the new cookie, and gating acts on it', async () => {
    document.body.innerHTML = '<script type="text/plain" data-category="analytics">window.log.push("analytics")</script>'
    const page = await start()
    const tab = otherTab()
    await settle()
    storeConsent(await cookieFor([{}], { categories: { analytics: true }, method: 'accept-all' }))
    tab.postMessage(1)
    await settle()
    expect(page.api.get()).toEqual({ ...undecided, decided: true, analytics: true })
    expect(page.api.record()!.method).toBe('accept-all')
    expect(log()).toEqual(['analytics'])
    // The other tab answered: this tab's banner closes rather than ask again.
    expect(page.ui.hide).toHaveBeenCalled()
  })

  it('focus: the tab re-reads the cookie (no BroadcastChannel needed)', async () => {
    const page = await start()
    await settle()
    storeConsent(await cookieFor([{}], { categories: { preferences: true } }))
    window.dispatchEvent(new Event('focus'))
    await settle()
    expect(page.api.get()).toEqual({ ...undecided, decided: true, preferences: true })
  })

  it('the other tab forgot the choice: back to undecided, and the banner shows', async () => {
    storeConsent(await cookieFor([{ reloadOnRevoke: false }], { categories: { analytics: true } }))
    const page = await start([{ reloadOnRevoke: false }])
    await settle()
    expect(page.ui.showBanner).not.toHaveBeenCalled()
    document.cookie = 'nanoconsent=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/'
    otherTab().postMessage(1)
    await settle()
    expect(page.api.get()).toEqual(undecided)
    expect(page.ui.showBanner).toHaveBeenCalled()
  })

  it('a message with the cookie unchanged changes nothing', async () => {
    const page = await start()
    page.api.set({ analytics: true })
    await settle()
    const fn = vi.fn()
    page.api.on('change', fn)
    otherTab().postMessage(1)
    window.dispatchEvent(new Event('focus'))
    await settle()
    expect(fn).not.toHaveBeenCalled()
  })
})

describe('consent record', () => {
  it('record(): id, ISO timestamp, revision, categories, method, locale, and the URL without query or hash', async () => {
    history.replaceState(null, '', '/shop/item?id=42&email=a@b.c#reviews')
    document.documentElement.lang = 'fr'
    const { api } = await start([{ revision: 7 }])
    expect(api.record()).toBeNull()
    const before = Date.now()
    api.set({ analytics: true })
    await settle()
    const record = api.record()!
    expect(record).toEqual({
      id: expect.stringMatching(/^[\w-]{16}$/),
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/),
      revision: 7,
      categories: { necessary: true, preferences: false, analytics: true, advertising: false, affiliate: false },
      method: 'custom',
      locale: 'fr',
      url: 'http://localhost:3000/shop/item'
    })
    expect(Date.parse(record.timestamp)).toBeGreaterThan(before - 1000)
    expect(Date.parse(record.timestamp)).toBeLessThanOrEqual(Date.now())
  })

  it('the id stays the same across choices until reset(), then a new one', async () => {
    const { api } = await start([{ reloadOnRevoke: false }])
    api.acceptAll()
    await settle()
    const id = api.record()!.id
    api.rejectAll()
    await settle()
    expect(api.record()!.id).toBe(id)
    expect(api.record()!.method).toBe('reject-all')
    api.reset()
    await settle()
    expect(api.record()).toBeNull()
    api.acceptAll()
    await settle()
    expect(api.record()!.id).not.toBe(id)
  })

  it('a returning visitor’s record is read back from the cookie', async () => {
    storeConsent(await cookieFor([{}], { id: 'ZZZZZZZZZZZZZZZZ', categories: { analytics: true }, method: 'custom' }))
    const { api } = await start()
    expect(api.record()).toMatchObject({ id: 'ZZZZZZZZZZZZZZZZ', method: 'custom', categories: { analytics: true, advertising: false } })
  })

  const recorded = [{ recordUrl: '/consent-log', reloadOnRevoke: false }]

  it('with recordUrl, each choice is sent with navigator.sendBeacon as JSON', async () => {
    const fetch = vi.fn()
    vi.stubGlobal('fetch', fetch)
    const { api } = await start(recorded)
    api.acceptAll()
    await settle()
    api.set({ advertising: false })
    await settle()
    const beacon = vi.mocked(navigator.sendBeacon)
    expect(beacon).toHaveBeenCalledTimes(2)
    const [url, blob] = beacon.mock.calls[1]!
    expect(url).toBe('/consent-log')
    expect(blob).toBeInstanceOf(Blob)
    expect((blob as Blob).type).toBe('application/json')
    expect(JSON.parse(await (blob as Blob).text())).toEqual(api.record())
    expect(fetch).not.toHaveBeenCalled()
  })

  it.each([
    ['returns false', () => false],
    [
      'throws',
      () => {
        throw new TypeError('beacon refused')
      }
    ]
  ])('when sendBeacon %s, fetch with keepalive sends it', async (_, beacon) => {
    vi.mocked(navigator.sendBeacon).mockImplementation(beacon)
    const fetch = vi.fn(async () => new Response(null, { status: 204 }))
    vi.stubGlobal('fetch', fetch)
    const { api } = await start(recorded)
    api.acceptAll()
    await settle()
    expect(fetch).toHaveBeenCalledOnce()
    const [url, init] = fetch.mock.calls[0]! as unknown as [string, RequestInit]
    expect(url).toBe('/consent-log')
    expect(init).toMatchObject({ method: 'POST', keepalive: true })
    expect(JSON.parse(init.body as string)).toEqual(api.record())
  })

  it('when the record cannot be sent at all, the choice still holds and the error is logged', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    vi.mocked(navigator.sendBeacon).mockImplementation(() => false)
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('offline'))))
    const { api } = await start(recorded)
    api.acceptAll()
    await settle()
    expect(api.get()).toEqual(all)
    expect(stored(recorded)!.categories).toEqual({ necessary: true, preferences: true, analytics: true, advertising: true, affiliate: true })
    expect(errors).toHaveBeenCalledWith('nanoconsent: could not send the consent record:', expect.any(TypeError))
  })

  it('without recordUrl nothing is sent', async () => {
    const { api } = await start()
    api.acceptAll()
    await settle()
    expect(navigator.sendBeacon).not.toHaveBeenCalled()
  })

  it('reset(): the consent cookie is deleted and the banner requested', async () => {
    storeConsent(await cookieFor([{ reloadOnRevoke: false }], { categories: { analytics: true } }))
    const page = await start([{ reloadOnRevoke: false }])
    await settle()
    expect(page.ui.showBanner).not.toHaveBeenCalled()
    page.api.reset()
    await settle()
    expect(cookieJar()).not.toHaveProperty('nanoconsent')
    expect(page.api.get()).toEqual(undecided)
    expect(page.ui.showBanner).toHaveBeenCalledOnce()
    await nextPage()
    expect((await start([{ reloadOnRevoke: false }])).api.get()).toEqual(undecided)
  })
})

describe('withdrawal', () => {
  it('deletes the cookies the withdrawn category declares, its vendors’ included', async () => {
    const sources = [{ reloadOnRevoke: false, integrations: { ga4: { id: 'G-ABC123' } }, categories: [{ id: 'necessary' }, { id: 'analytics', cookies: [{ name: 'my_stats' }] }, { id: 'advertising' }] }]
    storeConsent(await cookieFor(sources, { categories: { analytics: true, advertising: true } }))
    for (const c of ['_ga=1', '_ga_ABC123=2', '_gid=3', 'my_stats=4', '_fbp=5', 'session=6']) document.cookie = `${c}; path=/`
    const { api } = await start(sources)
    await settle()
    api.set({ analytics: false })
    await settle()
    const names = Object.keys(cookieJar()).sort()
    expect(names).toEqual(['_fbp', 'nanoconsent', 'session'])
  })

  it('reloadOnRevoke (default): withdrawing a granted category reloads once, after the cookie was written', async () => {
    storeConsent(await cookieFor([{}], { categories: { analytics: true, advertising: true } }))
    const atReload: unknown[] = []
    vi.mocked(location.reload).mockImplementation(() => void atReload.push(stored()?.categories))
    const { api } = await start()
    await settle()
    api.set({ advertising: false })
    await settle()
    expect(location.reload).toHaveBeenCalledOnce()
    expect(atReload[0]).toMatchObject({ analytics: true, advertising: false })
  })

  it('granting more, or a first choice, never reloads', async () => {
    const { api } = await start()
    api.rejectAll()
    await settle()
    api.acceptAll()
    await settle()
    expect(location.reload).not.toHaveBeenCalled()
  })

  it('reloadOnRevoke: false: no reload', async () => {
    storeConsent(await cookieFor([{ reloadOnRevoke: false }], { categories: { analytics: true } }))
    const { api } = await start([{ reloadOnRevoke: false }])
    await settle()
    api.rejectAll()
    await settle()
    expect(api.get()).toEqual({ ...undecided, decided: true })
    expect(location.reload).not.toHaveBeenCalled()
  })
})
