import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { decodeChoice } from '../../../src/core/cookie-codec'
import { asked, click, closePage, cookieFor, cookieValues, loads, network, nextPage, preparePage, screen, settle, start, storeConsent, uiCore } from './harness'

/**
 * A stored choice answers the categories it was asked about, under a
 * revision. A page whose categories were all answered does not ask; a page
 * showing a category never answered asks again, keeping the earlier answers;
 * raising the revision asks again for everything. Nothing else of the
 * config (vendors, ids, texts, key order) voids a choice.
 */

beforeEach(preparePage)
afterEach(closePage)

const GTAG = 'googletagmanager.com/gtag/js'
const FBEVENTS = 'connect.facebook.net'
const requested = (part: string) => network.requested.some((u) => u.includes(part))
/** The choice in the consent cookie. */
const stored = () => decodeChoice(cookieValues()[0], Date.now())
/** The answers field of the consent cookie, as stored (format 2: `analytics|-advertising`). */
const answers = () => cookieValues()[0]!.split('.')[5]
const granted = { preferences: true, analytics: true, advertising: true, affiliate: true }
const all = { decided: true, necessary: true, ...granted }
const none = { decided: true, necessary: true, preferences: false, analytics: false, advertising: false, affiliate: false }

describe('one site, the same categories on every page, different vendors per page', () => {
  const ga4Only = [{ integrations: { ga4: { id: 'G-ABC123' } } }]
  const ga4AndMeta = [{ integrations: { ga4: { id: 'G-ABC123' }, metaPixel: { id: '123456789' } } }]
  const noIntegrations = [{}]
  const reordered = [{ integrations: { metaPixel: { id: '123456789' }, ga4: { mode: 'basic', id: 'G-ABC123' } } }]

  /** The next page of the visitor: its state, whether it asked, and what it loaded. */
  const visit = async (sources: unknown[]) => {
    await nextPage()
    const page = await start(sources)
    await settle()
    return { state: page.api.get(), asked: asked(page) || loads(page).includes('ui') }
  }

  it('Accept on the GA4 page: no banner anywhere after it, and the Meta pixel loads where it is configured', async () => {
    const first = await start(ga4Only)
    await first.api.acceptAll()
    await settle()
    expect(requested(GTAG)).toBe(true)

    expect(await visit(ga4AndMeta)).toEqual({ state: all, asked: false })
    expect(requested(FBEVENTS)).toBe(true)
    expect(await visit(noIntegrations)).toEqual({ state: all, asked: false })
    expect(network.requested).toEqual([])
    expect(await visit(reordered)).toEqual({ state: all, asked: false })
    expect(requested(FBEVENTS) && requested(GTAG)).toBe(true)
  })

  it('Reject on the GA4 page: the other pages neither ask nor load anything', async () => {
    const first = await start(ga4Only)
    await first.api.rejectAll()
    await settle()
    for (const sources of [ga4AndMeta, noIntegrations, reordered]) {
      expect(await visit(sources)).toEqual({ state: none, asked: false })
      expect(network.requested).toEqual([])
    }
  })
})

describe('which config changes ask again, pinned one by one', () => {
  const base = { integrations: { ga4: { id: 'G-ABC123' } } }

  it.each([
    ['the GA4 id', { integrations: { ga4: { id: 'G-XYZ789' } } }],
    ['GA4 advanced mode', { integrations: { ga4: { id: 'G-ABC123', mode: 'advanced' } } }],
    ['a Meta pixel added', { integrations: { ga4: { id: 'G-ABC123' }, metaPixel: { id: '123456789' } } }],
    ['affiliate pixels added', { integrations: { ga4: { id: 'G-ABC123' }, affiliate: { pixels: ['https://aff.example/p.gif'] } } }],
    ['every integration removed', {}],
    ['the categories reordered', { ...base, categories: ['affiliate', 'advertising', 'analytics', 'preferences', 'necessary'] }],
    ['the categories given with their cookies', { ...base, categories: ['necessary', 'preferences', { id: 'analytics', cookies: [{ name: 'my_stats' }] }, 'advertising', 'affiliate'] }],
    ['the policy URL', { ...base, policyUrl: '/privacy-2026' }],
    ['the locale', { ...base, locale: 'fr' }],
    ['the layout and theme', { ...base, layout: 'box', theme: 'dark' }],
    ['the texts', { ...base, strings: { en: { 'banner.title': 'Cookies?' } } }],
    ['the record URL', { ...base, recordUrl: '/consent-log' }],
    ['the revisit button', { ...base, revisitButton: true }],
    ['GPC respected or not', { ...base, respectGpc: false }],
    ['reload on withdrawal', { ...base, reloadOnRevoke: false }],
    ['a shorter expiry the choice is still within', { ...base, expiresAfterDays: 30 }],
    ['debug', { ...base, debug: true }],
    ['a key typo', { ...base, revison: 2 }]
  ])('%s: the choice holds, no banner', async (_, config) => {
    storeConsent(await cookieFor([base], { categories: granted, method: 'accept-all' }))
    const page = await start([config])
    await settle()
    expect(page.api.get()).toEqual(all)
    expect(asked(page)).toBe(false)
  })

  it.each([
    ['a raised revision', { ...base, revision: 2 }],
    // One revision per site: a choice made under a newer policy does not count on a page still at the older one.
    ['a lower revision (a stale cached page)', { ...base, revision: 0 }],
    ['another cookie name', { ...base, cookieName: 'shop_consent' }],
    ['a shorter expiry the choice is beyond', { ...base, expiresAfterDays: 1 }]
  ])('%s: asks again, for everything', async (_, config) => {
    storeConsent(await cookieFor([base], { categories: granted, method: 'accept-all', time: Date.now() - 2 * 864e5 }))
    const page = await start([config])
    await settle()
    expect(page.api.get()).toEqual({ ...none, decided: false })
    expect(asked(page)).toBe(true)
    expect(screen.bannerShown()).toBe(true)
    expect(requested(GTAG)).toBe(false)
  })

  it('a raised revision says so on the banner, and answering clears it', async () => {
    storeConsent(await cookieFor([{ revision: 1 }], { categories: granted }))
    const page = await start([{ revision: 2 }])
    await settle()
    expect(uiCore(page).notices).toMatchObject({ revisionChanged: true, added: [] })
    expect(screen.note('rev')).not.toBeNull()
    expect(screen.note('added')).toBeNull()
    click('reject-all')
    await settle()
    expect(screen.bannerShown()).toBe(false)
    expect(uiCore(page).notices.revisionChanged).toBe(false)
    expect(stored()!.revision).toBe(2)
    await page.api.showBanner()
    expect(screen.bannerShown()).toBe(true)
    expect(screen.note('rev')).toBeNull()
  })

  it('a lower revision says nothing about a change: the page simply asks', async () => {
    storeConsent(await cookieFor([{ revision: 2 }], { categories: granted }))
    const page = await start([{ revision: 1 }])
    await settle()
    expect(uiCore(page).notices).toMatchObject({ revisionChanged: false, added: [] })
    expect(screen.bannerShown()).toBe(true)
    expect(screen.note('rev')).toBeNull()
  })
})

describe('a category added to the site', () => {
  const before = [{ categories: ['necessary', 'analytics'], integrations: { ga4: { id: 'G-ABC123' } } }]
  const after = [{ categories: ['necessary', 'analytics', 'support'], integrations: { ga4: { id: 'G-ABC123' } } }]

  it('asks again and says what was added; nothing is granted until it is answered, not even what was granted before', async () => {
    storeConsent(await cookieFor(before, { categories: { analytics: true } }))
    const page = await start(after)
    await settle()
    expect(asked(page)).toBe(true)
    expect(screen.bannerShown()).toBe(true)
    expect(uiCore(page).notices.added).toEqual(['support'])
    expect(screen.note('added')).not.toBeNull()
    expect(screen.note('rev')).toBeNull()
    expect(page.api.get()).toEqual({ decided: false, necessary: true, analytics: false, support: false })
    expect(requested(GTAG)).toBe(false)
  })

  it('the preferences start from the earlier answers, the new category off', async () => {
    storeConsent(await cookieFor(before, { categories: { analytics: true } }))
    await start(after)
    await settle()
    click('customize')
    expect(screen.switchOf('analytics').checked).toBe(true)
    expect(screen.switchOf('support').checked).toBe(false)
  })

  it('once answered in the preferences, every page of either kind is decided, and the answers are kept', async () => {
    storeConsent(await cookieFor(before, { categories: { analytics: true } }))
    const page = await start(after)
    await settle()
    click('customize')
    screen.switchOf('support').click()
    click('save')
    await settle()
    expect(page.api.get()).toEqual({ decided: true, necessary: true, analytics: true, support: true })
    expect(uiCore(page).notices.added).toEqual([])
    expect(requested(GTAG)).toBe(true)
    await nextPage()
    expect((await start(before)).api.get()).toEqual({ decided: true, necessary: true, analytics: true })
    await nextPage()
    expect((await start(after)).api.get()).toEqual({ decided: true, necessary: true, analytics: true, support: true })
  })

  it('"Reject all" there denies the earlier answers too', async () => {
    storeConsent(await cookieFor(before, { categories: { analytics: true } }))
    const page = await start(after)
    await settle()
    click('reject-all')
    await settle()
    expect(page.api.get()).toEqual({ decided: true, necessary: true, analytics: false, support: false })
    expect(answers()).toBe('-analytics|-support')
  })

  // set() merges into the visitor's answers, not the page's state (which grants
  // nothing while a category is unanswered), as the modal does.
  it('set() there keeps the earlier answers: set({ support: true }) does not withdraw analytics', async () => {
    storeConsent(await cookieFor(before, { categories: { analytics: true } }))
    const page = await start(after)
    await settle()
    await page.api.set({ support: true })
    expect(page.api.get()).toEqual({ decided: true, necessary: true, analytics: true, support: true })
  })
})

describe('a page that shows fewer categories than the choice answers', () => {
  const wide = [{ categories: ['necessary', 'analytics', 'advertising'] }]
  const narrow = [{ categories: ['necessary', 'analytics'] }]

  it('does not ask, and a choice made there keeps the answers it does not show', async () => {
    storeConsent(await cookieFor(wide, { categories: { analytics: true, advertising: true } }))
    const page = await start(narrow)
    await settle()
    expect(page.api.get()).toEqual({ decided: true, necessary: true, analytics: true })
    expect(asked(page)).toBe(false)
    await page.api.set({ analytics: false })
    expect(answers()).toBe('-analytics|advertising')
  })

  it('"Reject all" there denies them too: the visitor asked for nothing to run', async () => {
    storeConsent(await cookieFor(wide, { categories: { analytics: true, advertising: true } }))
    const page = await start(narrow)
    await page.api.rejectAll()
    expect(answers()).toBe('-analytics|-advertising')
    await nextPage()
    expect((await start(wide)).api.get()).toEqual({ decided: true, necessary: true, analytics: false, advertising: false })
  })

  it('"Accept all" there grants only what the page shows', async () => {
    const page = await start(narrow)
    await page.api.acceptAll()
    expect(answers()).toBe('analytics')
  })
})
