import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ALL_DENIED, ALL_GRANTED, closePage, cookieFor, dataLayer, network, nextPage, preparePage, settle, start, storeConsent } from './harness'

beforeEach(preparePage)
afterEach(closePage)

const GTAG = 'https://www.googletagmanager.com/gtag/js?id=G-ABC123'
const ga4 = (extra = {}) => [{ integrations: { ga4: { id: 'G-ABC123', ...extra } } }]
const gtagScripts = () => [...document.querySelectorAll('script[src]')].map((s) => s.getAttribute('src')).filter((src) => src!.includes('googletagmanager'))
/** The dataLayer with the `js` command's Date made comparable. */
const sequence = () => dataLayer().map((e) => (Array.isArray(e) && e[0] == 'js' ? ['js', e[1] instanceof Date] : e))
/** The gtag commands only (no GTM events). */
const commands = () => sequence().filter(Array.isArray)
const consentOnly = () => sequence().filter((e) => Array.isArray(e) && e[0] == 'consent')

describe('Google Consent Mode v2: the dataLayer sequence', () => {
  it('first visit: default with everything denied but security_storage, waiting for an update', async () => {
    await start()
    expect(sequence()).toEqual([['consent', 'default', { ...ALL_DENIED, wait_for_update: 500 }]])
  })

  it('returning visitor: default from the stored choice, without wait_for_update', async () => {
    storeConsent(await cookieFor([{}], { categories: { analytics: true } }))
    await start()
    expect(sequence()[0]).toEqual(['consent', 'default', { ...ALL_DENIED, analytics_storage: 'granted' }])
  })

  it('accept all: default, then one update with all six types granted', async () => {
    const { api } = await start()
    api.acceptAll()
    await settle()
    expect(consentOnly()).toEqual([
      ['consent', 'default', { ...ALL_DENIED, wait_for_update: 500 }],
      ['consent', 'update', ALL_GRANTED]
    ])
  })

  it('reject all after accept all: an update back to denied', async () => {
    const { api } = await start([{ reloadOnRevoke: false }])
    api.acceptAll()
    await settle()
    api.rejectAll()
    await settle()
    const denied = Object.fromEntries(Object.keys(ALL_GRANTED).map((k) => [k, 'denied']))
    expect(consentOnly()).toEqual([
      ['consent', 'default', { ...ALL_DENIED, wait_for_update: 500 }],
      ['consent', 'update', ALL_GRANTED],
      ['consent', 'update', denied]
    ])
  })

  it('reject all on a first visit: nothing changed, so no update', async () => {
    const { api } = await start()
    api.rejectAll()
    await settle()
    expect(consentOnly()).toEqual([['consent', 'default', { ...ALL_DENIED, wait_for_update: 500 }]])
  })

  it('custom: only the types that changed', async () => {
    const { api } = await start([{ reloadOnRevoke: false }])
    api.set({ preferences: true })
    await settle()
    api.set({ analytics: true })
    await settle()
    expect(consentOnly().slice(1)).toEqual([
      ['consent', 'update', { functionality_storage: 'granted', personalization_storage: 'granted' }],
      ['consent', 'update', { analytics_storage: 'granted' }]
    ])
  })

  it('revoke: withdrawing advertising updates the three ad types only', async () => {
    const { api } = await start([{ reloadOnRevoke: false }])
    await api.set({ analytics: true, advertising: true })
    await settle()
    await api.set({ advertising: false })
    await settle()
    expect(consentOnly().slice(1)).toEqual([
      ['consent', 'update', { analytics_storage: 'granted', ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' }],
      ['consent', 'update', { ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' }]
    ])
  })

  // GTM triggers on nanoconsent_update read consent state: the update must come first (README).
  it('the whole dataLayer of a first visit, an accept, then a reject: each Consent Mode update precedes its nanoconsent_update', async () => {
    const { api } = await start([{ reloadOnRevoke: false }])
    await api.acceptAll()
    await settle()
    await api.rejectAll()
    await settle()
    const denied = Object.fromEntries(Object.keys(ALL_GRANTED).map((k) => [k, 'denied']))
    const state = (on: boolean) => ({ decided: true, necessary: true, preferences: on, analytics: on, advertising: on, affiliate: on })
    expect(sequence()).toEqual([
      ['consent', 'default', { ...ALL_DENIED, wait_for_update: 500 }],
      ['consent', 'update', ALL_GRANTED],
      { event: 'nanoconsent_update', nanoconsent: state(true) },
      ['consent', 'update', denied],
      { event: 'nanoconsent_update', nanoconsent: state(false) }
    ])
  })

  it('the whole dataLayer of a returning visit that accepted: the default from the cookie, and nothing else', async () => {
    storeConsent(await cookieFor([{}], { categories: { preferences: true, analytics: true, advertising: true, affiliate: true } }))
    await start()
    await settle()
    expect(sequence()).toEqual([['consent', 'default', { ...ALL_DENIED, ...ALL_GRANTED }]])
  })
})

describe('GA4, basic mode (default)', () => {
  it('gtag.js is not requested before analytics is granted, not even after other grants', async () => {
    const { api } = await start(ga4())
    await settle()
    api.set({ preferences: true, advertising: true })
    await settle()
    expect(gtagScripts()).toEqual([])
    expect(network.requested.filter((u) => u.includes('googletagmanager'))).toEqual([])
  })

  it('on analytics grant: default, update, then js and config, then gtag.js injected', async () => {
    const { api } = await start(ga4())
    api.acceptAll()
    await settle()
    expect(commands()).toEqual([
      ['consent', 'default', { ...ALL_DENIED, wait_for_update: 500 }],
      ['consent', 'update', ALL_GRANTED],
      ['js', true],
      ['config', 'G-ABC123']
    ])
    expect(gtagScripts()).toEqual([GTAG])
    expect(document.head.querySelector(`script[src="${GTAG}"]`)).not.toBeNull()
  })

  it('ads_data_redaction and url_passthrough are set before config when configured', async () => {
    const { api } = await start(ga4({ adsDataRedaction: true, urlPassthrough: true }))
    api.set({ analytics: true })
    await settle()
    expect(commands().slice(2)).toEqual([['set', 'ads_data_redaction', true], ['set', 'url_passthrough', true], ['js', true], ['config', 'G-ABC123']])
  })

  it('a returning visitor with analytics granted gets gtag.js at start, after the default', async () => {
    storeConsent(await cookieFor(ga4(), { categories: { analytics: true } }))
    await start(ga4())
    await settle()
    expect(sequence()).toEqual([['consent', 'default', { ...ALL_DENIED, analytics_storage: 'granted' }], ['js', true], ['config', 'G-ABC123']])
    expect(gtagScripts()).toEqual([GTAG])
  })

  it('gtag.js is injected once, however many grants follow', async () => {
    const { api } = await start(ga4())
    api.set({ analytics: true })
    await settle()
    api.acceptAll()
    await settle()
    expect(gtagScripts()).toEqual([GTAG])
    expect(sequence().filter((e) => Array.isArray(e) && e[0] == 'config')).toHaveLength(1)
  })
})

describe('GA4, advanced mode', () => {
  it('gtag.js is injected at start, before any choice, with everything denied', async () => {
    const { api } = await start(ga4({ mode: 'advanced' }))
    await settle()
    expect(api.get().decided).toBe(false)
    expect(sequence()).toEqual([['consent', 'default', { ...ALL_DENIED, wait_for_update: 500 }], ['js', true], ['config', 'G-ABC123']])
    expect(gtagScripts()).toEqual([GTAG])
  })

  it('a later grant only updates consent: no second gtag.js, no second config', async () => {
    const { api } = await start(ga4({ mode: 'advanced' }))
    await settle()
    api.acceptAll()
    await settle()
    expect(consentOnly()).toEqual([
      ['consent', 'default', { ...ALL_DENIED, wait_for_update: 500 }],
      ['consent', 'update', ALL_GRANTED]
    ])
    expect(gtagScripts()).toEqual([GTAG])
    expect(sequence().filter((e) => Array.isArray(e) && e[0] == 'config')).toHaveLength(1)
  })

  it('next page after a refusal: still loaded early, with everything denied', async () => {
    const { api } = await start(ga4({ mode: 'advanced' }))
    api.rejectAll()
    await settle()
    await nextPage()
    await start(ga4({ mode: 'advanced' }))
    await settle()
    expect(sequence()).toEqual([['consent', 'default', ALL_DENIED], ['js', true], ['config', 'G-ABC123']])
  })
})
