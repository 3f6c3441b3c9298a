import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { encodeChoice } from '../../../src/core/cookie-codec'
import {
  ALL_GRANTED,
  asked,
  chunkFailures,
  click,
  closePage,
  cookieFor,
  cookieJar,
  cookieValues,
  dataLayer,
  FakeChannel,
  loads,
  nextPage,
  preparePage,
  screen,
  settle,
  start,
  storeConsent,
  uiCore
} from './harness'

beforeEach(preparePage)
afterEach(() => {
  vi.useRealTimers()
  return closePage()
})

const undecided = { decided: false, necessary: true, preferences: false, analytics: false, advertising: false, affiliate: false }
const all = { decided: true, necessary: true, preferences: true, analytics: true, advertising: true, affiliate: true }
/** The consent cookie's fields as stored (format 2): revision, time, method letter, id, answers. */
const cookieFields = () => {
  const [, revision, time, method, id, answers] = cookieValues()[0]!.split('.')
  return { revision, time, method, id, answers }
}
const log = () => (window as unknown as { log: string[] }).log

describe('expiry', () => {
  it('expiresAfterDays: 1 and a choice made 2 days ago: no consent, the banner asks', async () => {
    storeConsent(await cookieFor([{ expiresAfterDays: 1 }], { categories: { analytics: true }, time: Date.now() - 2 * 864e5 }))
    const page = await start([{ expiresAfterDays: 1 }])
    expect(page.api.get()).toEqual(undecided)
    expect(page.api.record()).toBeNull()
    await settle()
    expect(asked(page)).toBe(true)
  })

  it('expiresAfterDays: 1 and a choice made 12 hours ago: the choice holds', async () => {
    storeConsent(await cookieFor([{ expiresAfterDays: 1 }], { id: 'TWELVEHOURSAGO00', categories: { analytics: true }, time: Date.now() - 432e5 }))
    const page = await start([{ expiresAfterDays: 1 }])
    expect(page.api.record()!.id).toBe('TWELVEHOURSAGO00')
  })

  it('…and grants what it granted', async () => {
    storeConsent(await cookieFor([{ expiresAfterDays: 1 }], { categories: { analytics: true }, time: Date.now() - 432e5 }))
    const page = await start([{ expiresAfterDays: 1 }])
    expect(page.api.get()).toEqual({ ...undecided, decided: true, analytics: true })
  })
})

describe('Global Privacy Control', () => {
  const gpcOn = () => Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true })

  it('is noticed on the banner, and its "Accept all" grants all but advertising and affiliate, recorded as "gpc"', async () => {
    gpcOn()
    const page = await start()
    await settle()
    expect(uiCore(page).notices.gpc).toBe(true)
    expect(screen.note('gpc')).not.toBeNull()
    click('accept-all')
    await settle()
    expect(page.api.get()).toEqual({ ...all, advertising: false, affiliate: false })
    expect(page.api.record()!.method).toBe('gpc')
    expect(cookieFields()).toMatchObject({ method: 'g', answers: 'preferences|analytics|-advertising|-affiliate' })
  })

  it('a visitor may still grant advertising explicitly', async () => {
    gpcOn()
    const page = await start()
    await page.api.set({ advertising: true })
    expect(page.api.get().advertising).toBe(true)
  })

  it('the API\'s acceptAll() honours it too', async () => {
    gpcOn()
    const page = await start()
    await page.api.acceptAll()
    expect(page.api.get()).toEqual({ ...all, advertising: false, affiliate: false })
    expect(page.api.record()!.method).toBe('gpc')
  })

  it('respectGpc: false: a normal accept all', async () => {
    gpcOn()
    const page = await start([{ respectGpc: false }])
    await settle()
    expect(uiCore(page).notices.gpc).toBe(false)
    expect(screen.note('gpc')).toBeNull()
    click('accept-all')
    await settle()
    expect(page.api.get()).toEqual(all)
    expect(page.api.record()!.method).toBe('accept-all')
  })

  it('without the signal: gpc is not noticed', async () => {
    const page = await start()
    await settle()
    expect(uiCore(page).notices.gpc).toBe(false)
    expect(screen.note('gpc')).toBeNull()
  })
})

describe('other tabs', () => {
  const otherTab = () => new FakeChannel('nanoconsent:nanoconsent')
  /** A choice another tab made `ago` ms ago, as its cookie value. */
  const theirs = (method: 'accept-all' | 'reject-all', ago: number, id = 'OTHERTAB00000000') =>
    encodeChoice({ id, time: Date.now() - ago, revision: 1, method, categories: Object.fromEntries(Object.keys(all).filter((k) => k != 'decided').map((k) => [k, method == 'accept-all'])) })

  it('a stored choice is announced with its cookie value, after the cookie is written', async () => {
    const cookieWhenPosted: (string | undefined)[] = []
    const posted = vi.spyOn(FakeChannel.prototype, 'postMessage').mockImplementation(() => void cookieWhenPosted.push(cookieValues()[0]))
    const { api } = await start()
    await api.set({ analytics: true })
    await settle()
    expect(posted).toHaveBeenCalledOnce()
    expect(posted).toHaveBeenCalledWith(cookieValues()[0])
    expect(cookieWhenPosted).toEqual([cookieValues()[0]])
  })

  it('a message carrying a newer choice: this tab takes it and closes its banner', async () => {
    const page = await start()
    const tab = otherTab()
    await settle()
    expect(screen.bannerShown()).toBe(true)
    tab.postMessage(theirs('accept-all', 1000))
    await settle()
    expect(page.api.record()).toMatchObject({ id: 'OTHERTAB00000000', method: 'accept-all' })
    expect(page.hide).toHaveBeenCalled()
    expect(screen.bannerShown()).toBe(false)
  })

  it('…and this tab’s tag managers hear it: a Consent Mode update, nanoconsent_consent, nanoconsent_update', async () => {
    await start()
    const tab = otherTab()
    await settle()
    const before = dataLayer().length
    tab.postMessage(theirs('accept-all', 1000))
    await settle()
    expect(dataLayer().slice(before)).toEqual([
      ['consent', 'update', ALL_GRANTED],
      { event: 'nanoconsent_consent', nanoconsent: all },
      { event: 'nanoconsent_update', nanoconsent: all }
    ])
  })

  it('…stores it (the jar may hold an older write of its own), and its state and gating follow it', async () => {
    document.body.innerHTML = '<script type="text/plain" data-category="analytics">window.log.push("analytics")</script>'
    const page = await start()
    const tab = otherTab()
    await settle()
    const value = theirs('accept-all', 1000)
    tab.postMessage(value)
    await settle()
    expect(cookieValues()).toEqual([value])
    expect(page.api.get()).toEqual(all)
    expect(log()).toEqual(['analytics'])
  })

  it('a message carrying an older choice changes nothing', async () => {
    const page = await start()
    await page.api.rejectAll()
    await settle()
    const mine = cookieValues()
    const fn = vi.fn()
    page.api.on('change', fn)
    otherTab().postMessage(theirs('accept-all', 60_000))
    await settle()
    expect(fn).not.toHaveBeenCalled()
    expect(page.api.record()!.method).toBe('reject-all')
    expect(cookieValues()).toEqual(mine)
  })

  it('visibilitychange: the tab shown again reads the cookie (no BroadcastChannel needed)', async () => {
    const page = await start()
    await settle()
    storeConsent(theirs('accept-all', 1000))
    document.dispatchEvent(new Event('visibilitychange'))
    await settle()
    expect(page.api.record()).toMatchObject({ id: 'OTHERTAB00000000', method: 'accept-all' })
    expect(page.hide).toHaveBeenCalled()
    expect(screen.bannerShown()).toBe(false)
  })

  it('"no cookie" never overrides the choice made in this tab: not when the tab shows again, not on a message without a choice', async () => {
    const page = await start([{ reloadOnRevoke: false }])
    await page.api.acceptAll()
    await settle()
    page.show.mockClear()
    document.cookie = 'nanoconsent=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/'
    document.dispatchEvent(new Event('visibilitychange'))
    otherTab().postMessage(undefined)
    otherTab().postMessage('garbage')
    await settle()
    expect(page.api.get()).toEqual(all)
    expect(page.show).not.toHaveBeenCalled()
    expect(screen.bannerShown()).toBe(false)
  })

  it('a message with this tab’s own choice changes nothing', async () => {
    const page = await start()
    await page.api.set({ analytics: true })
    await settle()
    const fn = vi.fn()
    page.api.on('change', fn)
    otherTab().postMessage(cookieValues()[0])
    document.dispatchEvent(new Event('visibilitychange'))
    await settle()
    expect(fn).not.toHaveBeenCalled()
  })

  describe('two tabs choosing in the same millisecond', () => {
    /**
     * Tabs A and B of the site choose at once: A rejects, B accepts. Returns
     * the tabs and the two choices as each stored and announced it.
     */
    const round = async () => {
      await closePage()
      preparePage()
      const posted = vi.spyOn(FakeChannel.prototype, 'postMessage')
      const a = await start([{ reloadOnRevoke: false }])
      const b = await start([{ reloadOnRevoke: false }])
      await settle()
      await Promise.all([a.api.rejectAll(), b.api.acceptAll()])
      await settle()
      const announced = posted.mock.calls.map(([value]) => String(value).split('.'))
      return { a, b, announced }
    }

    it('converge on the choice with the larger id, in both tabs and in the cookie, round after round', async () => {
      vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 10, 22, 12) })
      const winners = new Set<string>()
      for (let i = 0; i < 20; i++) {
        const { a, b, announced } = await round()
        // Each tab announced its own choice, at the same millisecond, under its own id.
        const [first, second] = announced
        expect(first![2]).toBe(second![2])
        expect(first![4]).not.toBe(second![4])
        const winner = first![4]! > second![4]! ? first! : second!
        for (const tab of [a, b]) expect(tab.api.record()).toMatchObject({ id: winner[4], method: winner[3] == 'a' ? 'accept-all' : 'reject-all' })
        expect(cookieValues()).toHaveLength(1)
        expect(cookieFields()).toMatchObject({ id: winner[4], method: winner[3] })
        winners.add(winner[3]!)
      }
      // Random ids: over twenty rounds each tab wins at least once (this fails with probability 2^-19).
      expect(winners).toEqual(new Set(['a', 'r']))
    })

    it('…with the same state in both tabs, and the winner’s cookie as it wrote it', async () => {
      vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 10, 22, 12) })
      for (let i = 0; i < 5; i++) {
        const { a, b, announced } = await round()
        const winner = announced[0]![4]! > announced[1]![4]! ? announced[0]! : announced[1]!
        expect(a.api.get()).toEqual(b.api.get())
        expect(a.api.get().analytics).toBe(winner[3] == 'a')
        expect(cookieValues()).toEqual([winner.join('.')])
      }
    })
  })
})

describe('consent record', () => {
  it('record(): id, ISO timestamp, revision, categories, method, locale, and the URL without query or hash', async () => {
    history.replaceState(null, '', '/shop/item?id=42&email=a@b.c#reviews')
    document.documentElement.lang = 'fr'
    const { api } = await start([{ revision: 7 }])
    expect(api.record()).toBeNull()
    const before = Date.now()
    await api.set({ analytics: true })
    const record = api.record()!
    expect(record).toEqual({
      id: expect.stringMatching(/^[\w-]{16}$/),
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      revision: 7,
      categories: { necessary: true, preferences: false, analytics: true, advertising: false, affiliate: false },
      method: 'custom',
      locale: 'fr',
      url: 'http://localhost:3000/shop/item'
    })
    expect(Date.parse(record.timestamp)).toBeGreaterThanOrEqual(before)
    expect(Date.parse(record.timestamp)).toBeLessThanOrEqual(Date.now())
  })

  it('the id stays the same across choices until reset(), then a new one', async () => {
    const { api } = await start([{ reloadOnRevoke: false }])
    await api.acceptAll()
    const id = api.record()!.id
    await api.rejectAll()
    expect(api.record()!.id).toBe(id)
    expect(api.record()!.method).toBe('reject-all')
    api.reset()
    await settle()
    expect(api.record()).toBeNull()
    await api.acceptAll()
    expect(api.record()!.id).not.toBe(id)
  })

  it('a returning visitor’s record is read back from the cookie', async () => {
    storeConsent(await cookieFor([{}], { id: 'ZZZZZZZZZZZZZZZZ', time: Date.UTC(2026, 10, 1, 12), categories: { analytics: true }, method: 'custom' }))
    const { api } = await start()
    expect(api.record()).toMatchObject({
      id: 'ZZZZZZZZZZZZZZZZ',
      timestamp: '2026-11-01T12:00:00.000Z',
      method: 'custom',
      categories: { necessary: true, preferences: false, analytics: true, advertising: false, affiliate: false }
    })
  })

  const recorded = [{ recordUrl: '/consent-log', reloadOnRevoke: false }]

  it('with recordUrl, each choice is sent with navigator.sendBeacon as JSON', async () => {
    const fetch = vi.fn()
    vi.stubGlobal('fetch', fetch)
    const { api } = await start(recorded)
    await api.acceptAll()
    await settle()
    await api.set({ advertising: false })
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
    await api.acceptAll()
    await settle()
    expect(fetch).toHaveBeenCalledOnce()
    const [url, init] = fetch.mock.calls[0]! as unknown as [string, RequestInit]
    expect(url).toBe('/consent-log')
    expect(init).toMatchObject({ method: 'POST', keepalive: true })
    expect(JSON.parse(init.body as string)).toEqual(api.record())
  })

  it('when the record cannot be sent at all, the choice still holds and is stored, and the error is logged', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    vi.mocked(navigator.sendBeacon).mockImplementation(() => false)
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('offline'))))
    const { api } = await start(recorded)
    await api.acceptAll()
    await settle()
    expect(api.get()).toEqual(all)
    expect(cookieFields()).toMatchObject({ method: 'a', answers: 'preferences|analytics|advertising|affiliate' })
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('could not send the consent record'), expect.any(TypeError))
  })

  it('without recordUrl nothing is sent', async () => {
    const { api } = await start()
    await api.acceptAll()
    await settle()
    expect(navigator.sendBeacon).not.toHaveBeenCalled()
  })

  it('reset(): the consent cookie is deleted and the banner requested; the next page asks', async () => {
    const page = await start([{ reloadOnRevoke: false }])
    await page.api.acceptAll()
    await settle()
    page.show.mockClear()
    page.api.reset()
    await settle()
    expect(cookieJar()).not.toHaveProperty('nanoconsent')
    expect(page.api.get()).toEqual(undecided)
    expect(page.show).toHaveBeenCalledOnce()
    expect(asked(page)).toBe(true)
    expect(screen.bannerShown()).toBe(true)
    await nextPage()
    expect((await start([{ reloadOnRevoke: false }])).api.get()).toEqual(undecided)
  })
})

describe('withdrawal', () => {
  const withCookies = [
    { reloadOnRevoke: false, integrations: { ga4: { id: 'G-ABC123' } }, categories: [{ id: 'necessary' }, { id: 'analytics', cookies: [{ name: 'my_stats' }] }, { id: 'advertising' }] }
  ]
  const trackerCookies = () => {
    for (const c of ['_ga=1', '_ga_ABC123=2', '_gid=3', 'my_stats=4', '_fbp=5', 'session=6']) document.cookie = `${c}; path=/`
  }

  it('deletes the cookies the withdrawn category declares, its vendors’ included, and only those', async () => {
    const { api } = await start(withCookies)
    await api.set({ analytics: true, advertising: true })
    await settle()
    trackerCookies()
    await api.set({ analytics: false })
    await settle()
    expect(Object.keys(cookieJar()).sort()).toEqual(['_fbp', 'nanoconsent', 'session'])
  })

  it('deletes the cookies of the vendors a site is likely to mark, undeclared, by category (TikTok, Hotjar, Clarity, Pinterest, LinkedIn, Microsoft Ads)', async () => {
    const { api } = await start(withCookies)
    await api.set({ analytics: true, advertising: true })
    await settle()
    for (const c of ['_ttp=1', '_hjSessionUser_42=2', '_clck=3', '_clsk=4', '_pin_unauth=5', 'li_sugr=6', '_uetsid=7', '_uetvid=8', 'session=9']) document.cookie = `${c}; path=/`
    await api.set({ advertising: false })
    await settle()
    expect(Object.keys(cookieJar()).sort()).toEqual(['_clck', '_clsk', '_hjSessionUser_42', 'nanoconsent', 'session'])
    await api.set({ analytics: false })
    await settle()
    expect(Object.keys(cookieJar()).sort()).toEqual(['nanoconsent', 'session'])
  })

  it('an owner extends them by declaring a cookie in the category, in any source, without re-listing the other categories', async () => {
    const { api } = await start([...withCookies, { categories: [{ id: 'advertising', cookies: [{ name: 'partner_*' }] }] }])
    await api.set({ analytics: true, advertising: true })
    await settle()
    expect(Object.keys(api.get())).toEqual(['decided', 'necessary', 'analytics', 'advertising'])
    for (const c of ['partner_x=1', 'my_stats=2']) document.cookie = `${c}; path=/`
    await api.set({ advertising: false })
    await settle()
    expect(Object.keys(cookieJar()).sort()).toEqual(['my_stats', 'nanoconsent'])
  })

  it('does so without activate.js: the cleanup lives in change.js, with the withdrawal', async () => {
    chunkFailures.activate = Infinity
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const page = await start(withCookies)
    await page.api.set({ analytics: true, advertising: true })
    await settle()
    trackerCookies()
    await page.api.rejectAll()
    await settle()
    expect(Object.keys(cookieJar()).sort()).toEqual(['nanoconsent', 'session'])
    expect(loads(page).filter((c) => c == 'activate').length).toBeGreaterThan(0)
  })

  it('reloadOnRevoke (default): withdrawing a granted category reloads once, after the cookie was written', async () => {
    const answersAtReload: string[] = []
    vi.mocked(location.reload).mockImplementation(() => void answersAtReload.push(cookieFields().answers!))
    const { api } = await start()
    await api.set({ analytics: true, advertising: true })
    await settle()
    expect(location.reload).not.toHaveBeenCalled()
    await api.set({ advertising: false })
    await settle()
    expect(location.reload).toHaveBeenCalledOnce()
    expect(answersAtReload).toEqual(['-preferences|analytics|-advertising|-affiliate'])
  })

  it('granting more, or a first choice, never reloads', async () => {
    const { api } = await start()
    await api.rejectAll()
    await api.acceptAll()
    await settle()
    expect(location.reload).not.toHaveBeenCalled()
  })

  it('reloadOnRevoke: false: no reload', async () => {
    const { api } = await start([{ reloadOnRevoke: false }])
    await api.set({ analytics: true })
    await settle()
    await api.rejectAll()
    await settle()
    expect(api.get()).toEqual({ ...undecided, decided: true })
    expect(location.reload).not.toHaveBeenCalled()
  })
})

describe('0.1 cookies are migrated once: read under the page’s config and stored again in format 2', () => {
  const ACCEPTED = '1.f.1.tnto00.a.Qm9va3NoZWxmMDAx.1lw9ghn'
  beforeEach(() => void vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 10, 2) }))

  it('the visitor is not asked; the choice holds and the cookie is rewritten, keeping its id and time', async () => {
    storeConsent(ACCEPTED)
    const page = await start([{}, {}])
    await settle()
    expect(page.api.get()).toEqual(all)
    expect(page.api.record()).toMatchObject({ id: 'Qm9va3NoZWxmMDAx', method: 'accept-all', timestamp: '2026-11-01T12:00:00.000Z' })
    expect(cookieValues()).toEqual(['2.1.mvxs2o00.a.Qm9va3NoZWxmMDAx.preferences|analytics|advertising|affiliate'])
    expect(asked(page)).toBe(false)
  })

  it('the next page reads the new cookie, and needs no migration', async () => {
    storeConsent(ACCEPTED)
    await start([{}, {}])
    await settle()
    await nextPage()
    const page = await start([{}, {}])
    expect(page.api.get()).toEqual(all)
    await settle()
    expect(loads(page)).not.toContain('change')
  })

  it.each([
    ['under another config (0.1 bound the whole config)', [{ integrations: { ga4: { id: 'G-TEST123' } } }, {}]],
    ['under a raised revision', [{ revision: 2 }, {}]]
  ])('%s: not migrated, the banner asks', async (_, sources) => {
    storeConsent(ACCEPTED)
    const page = await start(sources)
    await settle()
    expect(page.api.get()).toEqual(undecided)
    expect(asked(page)).toBe(true)
  })
})
