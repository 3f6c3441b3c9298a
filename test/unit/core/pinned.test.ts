import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { closePage, cookieValues, preparePage, settle, start, storeConsent } from './harness'

/**
 * The consent record, pinned as literal text: it is what a site's consent
 * log stores as proof (GDPR Art. 7(1)), so its fields, their order and
 * their format are a contract with the log, whatever the code under test
 * does. The cookie strings are literal format-2 values (cookie-codec.ts);
 * the 0.1 ones are pinned in cookie-codec.test.ts.
 */

beforeEach(preparePage)
afterEach(closePage)

/** 2026-11-01T12:00:00Z; base 36 of the milliseconds is `mvxs2o00`. */
const TIME = Date.UTC(2026, 10, 1, 12)
/** "Bookshelf001" in base64url: 12 random bytes make a 16-character id. */
const BYTES = [...'Bookshelf001'].map((c) => c.charCodeAt(0))

describe('pinned: the consent record', () => {
  it('of a stored format-2 cookie', async () => {
    // The page's clock, a week after the choice, so the pinned cookie never expires under the test.
    vi.spyOn(Date, 'now').mockReturnValue(TIME + 7 * 864e5)
    history.replaceState(null, '', '/shop/item?id=42#reviews')
    document.documentElement.lang = 'fr'
    storeConsent('2.3.mvxs2o00.c.Qm9va3NoZWxmMDAx.-preferences|analytics|-advertising|affiliate')
    const { api } = await start([{ revision: 3 }])
    await settle()
    expect(JSON.stringify(api.record())).toBe(
      '{"id":"Qm9va3NoZWxmMDAx","revision":3,"categories":{"preferences":false,"analytics":true,"advertising":false,"affiliate":true,"necessary":true},' +
        '"method":"custom","timestamp":"2026-11-01T12:00:00.000Z","locale":"fr","url":"http://localhost:3000/shop/item"}'
    )
  })

  it('of a choice made at a known time with a known id: the cookie and the body sent to recordUrl', async () => {
    vi.spyOn(Date, 'now').mockReturnValue(TIME)
    vi.spyOn(crypto, 'getRandomValues').mockImplementation((a) => (new Uint8Array(a.buffer).set(BYTES), a))
    document.documentElement.lang = 'en'
    const { api } = await start([{ revision: 2, recordUrl: '/consent-log', categories: ['necessary', 'analytics', 'advertising'] }])
    await api.set({ analytics: true })
    await settle()
    expect(cookieValues()).toEqual(['2.2.mvxs2o00.c.Qm9va3NoZWxmMDAx.analytics|-advertising'])
    const [url, body] = vi.mocked(navigator.sendBeacon).mock.calls[0]!
    expect(url).toBe('/consent-log')
    expect(await (body as Blob).text()).toBe(
      '{"id":"Qm9va3NoZWxmMDAx","revision":2,"categories":{"necessary":true,"analytics":true,"advertising":false},' +
        '"method":"custom","locale":"en","timestamp":"2026-11-01T12:00:00.000Z","url":"http://localhost:3000/"}'
    )
  })
})
