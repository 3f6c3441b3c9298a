import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
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

const undecided = { decided: false, necessary: true, preferences: false, analytics: false, advertising: false, affiliate: false }
const state = (on: boolean) => ({ decided: true, necessary: true, preferences: on, analytics: on, advertising: on, affiliate: on })
const DENIED = { ...ALL_DENIED }
const consentPush = (s: object) => ({ event: 'nanoconsent_consent', nanoconsent: s })
const updatePush = (s: object) => ({ event: 'nanoconsent_update', nanoconsent: s })

describe('Google Consent Mode v2: the dataLayer sequence', () => {
  it('first visit: default with everything denied but security_storage, waiting for an update; the data-layer variable holds the undecided state', async () => {
    await start()
    expect(sequence()).toEqual([['consent', 'default', { ...ALL_DENIED, wait_for_update: 500 }], { nanoconsent: undecided }])
  })

  it('window.gtag: a page script after the loader finds one that feeds the same dataLayer; a gtag the page defined first is kept', async () => {
    await start()
    const w = window as unknown as { gtag: (...args: unknown[]) => void }
    w.gtag('event', 'page_script')
    expect(dataLayer().at(-1)).toEqual(['event', 'page_script'])

    await nextPage()
    const own = vi.fn()
    w.gtag = own
    await start()
    expect(w.gtag).toBe(own)
  })

  it('returning visitor: default from the stored choice, without wait_for_update', async () => {
    storeConsent(await cookieFor([{}], { categories: { analytics: true } }))
    await start()
    expect(sequence()[0]).toEqual(['consent', 'default', { ...ALL_DENIED, analytics_storage: 'granted' }])
  })

  it('accept all: default, then one update with all seven types granted', async () => {
    const { api } = await start()
    api.acceptAll()
    await settle()
    expect(consentOnly()).toEqual([
      ['consent', 'default', { ...ALL_DENIED, wait_for_update: 500 }],
      ['consent', 'update', ALL_GRANTED]
    ])
  })

  it('reject all after accept all: an update stating all seven types, back to denied but security_storage', async () => {
    const { api } = await start([{ reloadOnRevoke: false }])
    api.acceptAll()
    await settle()
    api.rejectAll()
    await settle()
    expect(consentOnly()).toEqual([
      ['consent', 'default', { ...ALL_DENIED, wait_for_update: 500 }],
      ['consent', 'update', ALL_GRANTED],
      ['consent', 'update', DENIED]
    ])
  })

  it('reject all on a first visit: an update all the same, with all seven types explicit', async () => {
    const { api } = await start()
    api.rejectAll()
    await settle()
    expect(consentOnly()).toEqual([
      ['consent', 'default', { ...ALL_DENIED, wait_for_update: 500 }],
      ['consent', 'update', DENIED]
    ])
  })

  it('a choice equal to the last one: another update', async () => {
    const { api } = await start()
    await api.set({ analytics: true })
    await settle()
    await api.set({ analytics: true })
    await settle()
    const analytics = { ...DENIED, analytics_storage: 'granted' }
    expect(consentOnly().slice(1)).toEqual([
      ['consent', 'update', analytics],
      ['consent', 'update', analytics]
    ])
  })

  it('custom: every update states all seven types', async () => {
    const { api } = await start([{ reloadOnRevoke: false }])
    api.set({ preferences: true })
    await settle()
    api.set({ analytics: true })
    await settle()
    const preferences = { ...DENIED, functionality_storage: 'granted', personalization_storage: 'granted' }
    expect(consentOnly().slice(1)).toEqual([
      ['consent', 'update', preferences],
      ['consent', 'update', { ...preferences, analytics_storage: 'granted' }]
    ])
  })

  it('revoke: withdrawing advertising denies the three ad types in an update that states all seven', async () => {
    const { api } = await start([{ reloadOnRevoke: false }])
    await api.set({ analytics: true, advertising: true })
    await settle()
    await api.set({ advertising: false })
    await settle()
    const analytics = { ...DENIED, analytics_storage: 'granted' }
    expect(consentOnly().slice(1)).toEqual([
      ['consent', 'update', { ...analytics, ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted' }],
      ['consent', 'update', analytics]
    ])
  })

  // GTM triggers on nanoconsent_consent and nanoconsent_update read consent state: the update must come first (README).
  it('the whole dataLayer of a first visit, an accept, then a reject: each Consent Mode update precedes its events', async () => {
    const { api } = await start([{ reloadOnRevoke: false }])
    await api.acceptAll()
    await settle()
    await api.rejectAll()
    await settle()
    expect(sequence()).toEqual([
      ['consent', 'default', { ...ALL_DENIED, wait_for_update: 500 }],
      { nanoconsent: undecided },
      ['consent', 'update', ALL_GRANTED],
      consentPush(state(true)),
      updatePush(state(true)),
      ['consent', 'update', DENIED],
      consentPush(state(false)),
      updatePush(state(false))
    ])
  })

  it('the whole dataLayer of a returning visit that accepted: the default from the cookie, nanoconsent_consent, and nothing else', async () => {
    storeConsent(await cookieFor([{}], { categories: { preferences: true, analytics: true, advertising: true, affiliate: true } }))
    await start()
    await settle()
    expect(sequence()).toEqual([['consent', 'default', ALL_GRANTED], consentPush(state(true))])
  })
})

describe('consentMode settings', () => {
  const returning = async (sources: unknown[]) => storeConsent(await cookieFor(sources, { categories: { analytics: true } }))

  it.each([0, 2000])('waitForUpdate: %i ms is what the default waits for', async (ms) => {
    await start([{ consentMode: { waitForUpdate: ms } }])
    expect(sequence()[0]).toEqual(['consent', 'default', { ...ALL_DENIED, wait_for_update: ms }])
  })

  it('waitForUpdate: any whole number of milliseconds is pushed as given, without a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    await start([{ consentMode: { waitForUpdate: 20000 } }])
    await settle()
    expect(warn).not.toHaveBeenCalled()
    expect(sequence()[0]).toEqual(['consent', 'default', { ...ALL_DENIED, wait_for_update: 20000 }])
  })

  it('waitForUpdate that is not a number: the default 500 is waited, and validation names it', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    await start([{ consentMode: { waitForUpdate: 'abc' } }])
    expect(sequence()[0]).toEqual(['consent', 'default', { ...ALL_DENIED, wait_for_update: 500 }])
    await settle()
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringContaining('config "consentMode.waitForUpdate" is "abc"; ignored')])
  })

  it('waitForUpdate is not stated once the visitor has chosen: nothing is waited for', async () => {
    const sources = [{ consentMode: { waitForUpdate: 2000 } }]
    await returning(sources)
    await start(sources)
    expect(sequence()[0]).toEqual(['consent', 'default', { ...ALL_DENIED, analytics_storage: 'granted' }])
  })

  const regions = [
    { region: ['US-CA', 'US-CO'], analytics_storage: 'granted' },
    { region: ['GB'], ad_storage: 'denied', analytics_storage: 'granted' }
  ]

  it('regions: one default per entry, with its region, in order, before the global default', async () => {
    await start([{ consentMode: { regions } }])
    expect(consentOnly()).toEqual([
      ['consent', 'default', { region: ['US-CA', 'US-CO'], analytics_storage: 'granted' }],
      ['consent', 'default', { region: ['GB'], ad_storage: 'denied', analytics_storage: 'granted' }],
      ['consent', 'default', { ...ALL_DENIED, wait_for_update: 500 }]
    ])
  })

  it('regions: none once the visitor has chosen, since a region’s default would outrank the answer', async () => {
    const sources = [{ consentMode: { regions } }]
    await returning(sources)
    await start(sources)
    expect(consentOnly()).toEqual([['consent', 'default', { ...ALL_DENIED, analytics_storage: 'granted' }]])
  })

  it('regions: an entry without a list of regions is never pushed (it would apply everywhere), and the mistake is named', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    await start([{ consentMode: { regions: [{ region: 'US-CA', analytics_storage: 'granted' }, { analytics_storage: 'granted' }, ...regions.slice(1)] } }])
    await settle()
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringMatching(/config "consentMode\.regions(\[0\]|\.0)\.region" is "US-CA"/)])
    expect(consentOnly()).toEqual([
      ['consent', 'default', { region: ['GB'], ad_storage: 'denied', analytics_storage: 'granted' }],
      ['consent', 'default', { ...ALL_DENIED, wait_for_update: 500 }]
    ])
  })

  it.each([
    ['consentMode', [{ consentMode: { adsDataRedaction: true, urlPassthrough: true }, integrations: { ga4: { id: 'G-ABC123' } } }]],
    ['integrations.ga4', ga4({ adsDataRedaction: true, urlPassthrough: true })]
  ])('adsDataRedaction and urlPassthrough (under %s): set right after the default, before any choice, and not again at config', async (_, sources) => {
    const { api } = await start(sources)
    expect(commands()).toEqual([
      ['consent', 'default', { ...ALL_DENIED, wait_for_update: 500 }],
      ['set', 'ads_data_redaction', true],
      ['set', 'url_passthrough', true]
    ])
    api.set({ analytics: true })
    await settle()
    expect(commands().slice(3)).toEqual([['consent', 'update', { ...ALL_DENIED, analytics_storage: 'granted' }], ['js', true], ['config', 'G-ABC123']])
  })

  it.each([
    ['basic', { adsDataRedaction: true }],
    ['advanced', { mode: 'advanced', adsDataRedaction: true }]
  ])('adsDataRedaction on a returning visit in %s mode: with the default, before js and config', async (_, extra) => {
    await returning(ga4(extra))
    await start(ga4(extra))
    await settle()
    expect(commands()).toEqual([['consent', 'default', { ...ALL_DENIED, analytics_storage: 'granted' }], ['set', 'ads_data_redaction', true], ['js', true], ['config', 'G-ABC123']])
  })

  it('without them, nothing is set', async () => {
    const { api } = await start(ga4())
    await api.acceptAll()
    await settle()
    expect(commands().filter((c) => c[0] == 'set')).toEqual([])
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

  it('a returning visitor with analytics granted gets gtag.js at start, after the default', async () => {
    storeConsent(await cookieFor(ga4(), { categories: { analytics: true } }))
    await start(ga4())
    await settle()
    expect(sequence()).toEqual([
      ['consent', 'default', { ...ALL_DENIED, analytics_storage: 'granted' }],
      consentPush({ ...state(false), analytics: true }),
      ['js', true],
      ['config', 'G-ABC123']
    ])
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
    expect(sequence()).toEqual([['consent', 'default', { ...ALL_DENIED, wait_for_update: 500 }], { nanoconsent: undecided }, ['js', true], ['config', 'G-ABC123']])
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
    expect(sequence()).toEqual([['consent', 'default', ALL_DENIED], consentPush(state(false)), ['js', true], ['config', 'G-ABC123']])
  })
})
