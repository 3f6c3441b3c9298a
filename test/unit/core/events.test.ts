import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ALL_DENIED, closePage, cookieFor, dataLayer, nextPage, preparePage, settle, start, storeConsent } from './harness'

/**
 * The two moments site code and tag managers hear of, on every page (issue 11):
 * - `consent`, the state is known on this page: at load when a stored choice
 *   holds, before any gated tag, and after every choice, "Reject all" and a
 *   choice equal to the last one included (`nanoconsent:consent`,
 *   `nanoconsent_consent`, `on('consent')`);
 * - `change`, the state differs from the previous one (`nanoconsent:change`,
 *   `nanoconsent_update`, `on('change')`).
 * Each dataLayer push carries the state as `nanoconsent`, so GTM's data-layer
 * variable always holds the current one.
 */

beforeEach(preparePage)
afterEach(closePage)

const undecided = { decided: false, necessary: true, preferences: false, analytics: false, advertising: false, affiliate: false }
const none = { ...undecided, decided: true }
const all = { decided: true, necessary: true, preferences: true, analytics: true, advertising: true, affiliate: true }
/** The dataLayer's events (GTM's custom events), without the gtag commands. */
const events = () => dataLayer().filter((e) => !Array.isArray(e))
/** The DOM events of both moments on `document`, in order, with their detail. */
const heard = () => {
  const got: [string, unknown][] = []
  for (const type of ['nanoconsent:consent', 'nanoconsent:change']) document.addEventListener(type, (e) => void got.push([type, (e as CustomEvent).detail]))
  return got
}
const consentPush = (state: object) => ({ event: 'nanoconsent_consent', nanoconsent: state })
const updatePush = (state: object) => ({ event: 'nanoconsent_update', nanoconsent: state })
/** Sets GTM's data-layer variable without an event: before any choice, it holds the undecided state. */
const variablePush = (state: object) => ({ nanoconsent: state })

describe('the change moment: only when the state differs', () => {
  it('after a choice, nanoconsent:change fires on document with { state, previous }', async () => {
    const { api } = await start()
    const got = heard()
    api.set({ analytics: true })
    await settle()
    expect(got.filter(([type]) => type == 'nanoconsent:change')).toEqual([['nanoconsent:change', { state: { ...none, analytics: true }, previous: undecided }]])
  })

  it('on("change", fn) gets (state, previous); its unsubscribe stops it', async () => {
    const { api } = await start()
    const fn = vi.fn()
    const off = api.on('change', fn)
    api.set({ analytics: true })
    await settle()
    expect(fn).toHaveBeenCalledOnce()
    expect(fn).toHaveBeenCalledWith({ ...none, analytics: true }, undecided)
    off()
    api.acceptAll()
    await settle()
    expect(fn).toHaveBeenCalledOnce()
  })

  it('dataLayer gets { event: "nanoconsent_update", nanoconsent: state } for each change', async () => {
    const { api } = await start([{ reloadOnRevoke: false }])
    api.acceptAll()
    await settle()
    api.rejectAll()
    await settle()
    expect(events().filter((e) => (e as { event: string }).event == 'nanoconsent_update')).toEqual([updatePush(all), updatePush(none)])
  })

  it('a choice equal to the last one changes nothing: no nanoconsent:change, no nanoconsent_update, no on("change")', async () => {
    const { api } = await start()
    await api.rejectAll()
    await settle()
    const fn = vi.fn()
    api.on('change', fn)
    const got = heard()
    const before = events().length
    await api.rejectAll()
    await settle()
    expect(fn).not.toHaveBeenCalled()
    expect(got.map(([type]) => type)).toEqual(['nanoconsent:consent'])
    expect(events().slice(before)).toEqual([consentPush(none)])
  })

  it('a returning visit does not change anything at load', async () => {
    storeConsent(await cookieFor([{}], { categories: { analytics: true } }))
    const got = heard()
    const page = await start()
    const fn = vi.fn()
    page.api.on('change', fn)
    await settle()
    expect(fn).not.toHaveBeenCalled()
    expect(got.map(([type]) => type)).toEqual(['nanoconsent:consent'])
    expect(events().map((e) => (e as { event: string }).event)).toEqual(['nanoconsent_consent'])
  })

  it('reset(): a change back to undecided, and no consent moment (nothing is known)', async () => {
    const { api } = await start([{ reloadOnRevoke: false }])
    await api.acceptAll()
    await settle()
    const got = heard()
    const before = events().length
    api.reset()
    await settle()
    expect(got).toEqual([['nanoconsent:change', { state: undecided, previous: all }]])
    expect(events().slice(before)).toEqual([updatePush(undecided)])
  })
})

describe('the consent moment: the state is known on this page', () => {
  it('a returning visit: nanoconsent:consent and nanoconsent_consent carry the stored state, once, during load', async () => {
    storeConsent(await cookieFor([{}], { categories: { analytics: true } }))
    const got = heard()
    await start()
    // startConsent has returned: nothing waited for a chunk.
    expect(got).toEqual([['nanoconsent:consent', { state: { ...none, analytics: true } }]])
    expect(dataLayer()).toEqual([['consent', 'default', { ...ALL_DENIED, analytics_storage: 'granted' }], consentPush({ ...none, analytics: true })])
    await settle()
    expect(got).toHaveLength(1)
    expect(events()).toHaveLength(1)
  })

  it('…before any gated tag runs', async () => {
    document.body.innerHTML =
      '<script type="text/plain" data-category="analytics">window.log.push(window.dataLayer.filter(function (e) { return e.event }).map(function (e) { return e.event + " " + e.nanoconsent.analytics }).join())</script>'
    storeConsent(await cookieFor([{}], { categories: { analytics: true } }))
    await start()
    await settle()
    expect((window as unknown as { log: string[] }).log).toEqual(['nanoconsent_consent true'])
  })

  it.each([
    ['a first visit', [{}], async () => {}],
    ['a choice under an older revision', [{ revision: 2 }], async () => storeConsent(await cookieFor([{ revision: 1 }], { categories: { analytics: true } }))],
    [
      'a choice that never answered a category this page shows',
      [{}],
      async () => storeConsent(await cookieFor([{}], { categories: { preferences: true, analytics: true } }, true))
    ]
  ])('%s: nothing is known, so nothing is announced at load', async (_, sources, before) => {
    await before()
    const got = heard()
    const page = await start(sources)
    const fn = vi.fn()
    page.api.on('consent', fn)
    await settle()
    expect(page.api.get()).toEqual(undecided)
    expect(got).toEqual([])
    // Only the data-layer variable, right after the default: nothing granted, not decided.
    expect(dataLayer()).toEqual([['consent', 'default', { ...ALL_DENIED, wait_for_update: 500 }], variablePush(undecided)])
    expect(fn).not.toHaveBeenCalled()
  })

  it('after every choice: "Reject all" on a first visit, and a choice equal to the last one', async () => {
    const page = await start()
    const got = heard()
    await page.api.rejectAll()
    await settle()
    await page.api.rejectAll()
    await settle()
    expect(got).toEqual([
      ['nanoconsent:consent', { state: none }],
      ['nanoconsent:change', { state: none, previous: undecided }],
      ['nanoconsent:consent', { state: none }]
    ])
    expect(events()).toEqual([variablePush(undecided), consentPush(none), updatePush(none), consentPush(none)])
  })

  it('a choice pushes, in order: the Consent Mode update, nanoconsent_consent, then nanoconsent_update', async () => {
    const { api } = await start()
    await api.set({ analytics: true })
    await settle()
    const state = { ...none, analytics: true }
    expect(dataLayer().slice(2)).toEqual([['consent', 'update', { ...ALL_DENIED, analytics_storage: 'granted' }], consentPush(state), updatePush(state)])
  })

  it('on("consent", fn) registered before the state is known: called after each choice, equal ones included, until unsubscribed', async () => {
    const { api } = await start([{ reloadOnRevoke: false }])
    const fn = vi.fn()
    const off = api.on('consent', fn)
    await settle()
    expect(fn).not.toHaveBeenCalled()
    await api.acceptAll()
    await settle()
    await api.acceptAll()
    await settle()
    expect(fn.mock.calls.map(([state]) => state)).toEqual([all, all])
    off()
    await api.rejectAll()
    await settle()
    expect(fn).toHaveBeenCalledTimes(2)
  })

  it('on("consent", fn) registered after the state is known is called at once, once', async () => {
    storeConsent(await cookieFor([{}], { categories: { advertising: true } }))
    const { api } = await start()
    await settle()
    const fn = vi.fn()
    api.on('consent', fn)
    expect(fn).toHaveBeenCalledOnce()
    expect(fn.mock.calls[0]![0]).toEqual({ ...none, advertising: true })
    await settle()
    expect(fn).toHaveBeenCalledOnce()
  })

  it('every page of a visit announces its state: the next page after "Accept all" too, with no change', async () => {
    const first = await start()
    await first.api.acceptAll()
    await settle()
    await nextPage()
    const got = heard()
    await start()
    await settle()
    expect(got).toEqual([['nanoconsent:consent', { state: all }]])
    expect(events()).toEqual([consentPush(all)])
  })
})
