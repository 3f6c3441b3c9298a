/**
 * Tag managers hear the consent state on every page, not only where the
 * choice is made: the `consent` and `change` moments, Consent Mode updates
 * with all seven types, regional defaults, and a GTM-only site whose
 * container (a stub gtm.js that records the dataLayer it finds) reads them.
 */
import { describe, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { api, bannerButton, expectBanner, expectNoPageErrors, expectNoTrackers, html, idle, oneTagPage, useSuite, waitKinds } from './harness'

const suite = useSuite()

/** Google's published GTM snippet, unmarked, after the loader: GTM reads Consent Mode itself. */
const GTM_SNIPPET = `<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});var f=d.getElementsByTagName(s)[0],j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;j.src='https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);})(window,document,'script','dataLayer','GTM-TEST1');</script>`

const SEVEN = ['ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage', 'functionality_storage', 'personalization_storage', 'security_storage']

/** The dataLayer as plain data: gtag's `arguments` become arrays. */
const dataLayer = (p: Page) =>
  p.evaluate(() => ((window as any).dataLayer as unknown[]).map((e) => (Object.prototype.toString.call(e) == '[object Arguments]' ? Array.from(e as ArrayLike<unknown>) : JSON.parse(JSON.stringify(e)))))
const gtmSaw = (p: Page) => p.evaluate(() => (window as any).__gtm as unknown[])
const events = (entries: unknown[]) => entries.filter((e: any) => e && !Array.isArray(e) && e.event).map((e: any) => e.event)
const consentCalls = (entries: unknown[], kind: string) => entries.filter((e: any) => Array.isArray(e) && e[0] == 'consent' && e[1] == kind).map((e: any) => e[2])

/** Records the DOM events from the very start of every document. */
async function recordDomEvents(t: { ctx: import('playwright-core').BrowserContext }) {
  await t.ctx.addInitScript(() => {
    const w = window as any
    w.__events = []
    for (const name of ['nanoconsent:consent', 'nanoconsent:change']) document.addEventListener(name, (e) => w.__events.push([name, (e as CustomEvent).detail.state]))
  })
}
const domEvents = (p: Page) => p.evaluate(() => (window as any).__events as [string, any][])

const gtmPage = (path: string) => suite.server.page(path, html({ loader: { 'data-policy-url': '/privacy' }, head: GTM_SNIPPET }))

describe('events and Consent Mode on every page', () => {
  test('a GTM-only site: the container finds the default first; Reject all pushes an update with all seven types, and nanoconsent_consent', async () => {
    const t = await suite.ctx()
    await recordDomEvents(t)
    const p = await t.newPage()
    await p.goto(gtmPage('/ev/gtm'))
    await expectBanner(p)
    await expect.poll(() => gtmSaw(p)).toBeTruthy()
    const seen = await gtmSaw(p)
    expect(seen[0], 'the container finds the Consent Mode default first').toEqual(['consent', 'default', expect.objectContaining({ analytics_storage: 'denied', wait_for_update: 500 })])

    await bannerButton(p, 'Reject all').click()
    await expect.poll(async () => events(await gtmSaw(p))).toContain('nanoconsent_consent')
    const after = await gtmSaw(p)
    const updates = consentCalls(after, 'update')
    expect(updates).toHaveLength(1)
    expect(Object.keys(updates[0]).sort()).toEqual([...SEVEN].sort())
    for (const type of SEVEN) expect(updates[0][type], type).toBe(type == 'security_storage' ? 'granted' : 'denied')
    // The update comes before the events that tag-manager triggers fire on.
    const order = after.map((e: any) => (Array.isArray(e) ? `${e[0]} ${e[1]}` : e.event))
    expect(order.indexOf('consent update')).toBeLessThan(order.indexOf('nanoconsent_consent'))
    const consentEvent = after.find((e: any) => e.event == 'nanoconsent_consent') as any
    expect(consentEvent.nanoconsent).toMatchObject({ decided: true, necessary: true, analytics: false, advertising: false })
    // Reject from an undecided state changes "decided": the change moment fires too.
    expect(events(after)).toContain('nanoconsent_update')
    expect((await domEvents(p)).map(([n]) => n)).toEqual(['nanoconsent:consent', 'nanoconsent:change'])

    // A choice equal to the last one still pushes an update and a consent event, but no change.
    const before = (await gtmSaw(p)).length
    await p.evaluate(() => (window as any).nanoconsent.rejectAll())
    await expect.poll(async () => events((await gtmSaw(p)).slice(before))).toEqual(['nanoconsent_consent'])
    expect(consentCalls((await gtmSaw(p)).slice(before), 'update')).toHaveLength(1)

    // The next page: the container finds the stored state as the default, then nanoconsent_consent; no change.
    const p2 = await t.newPage()
    await p2.goto(gtmPage('/ev/gtm-2'))
    await expect.poll(async () => events((await gtmSaw(p2)) || [])).toContain('nanoconsent_consent')
    const next = await gtmSaw(p2)
    expect(next[0]).toEqual(['consent', 'default', expect.objectContaining({ analytics_storage: 'denied' })])
    expect(next[0]).not.toEqual(['consent', 'default', expect.objectContaining({ wait_for_update: expect.anything() })])
    expect(events(next)).not.toContain('nanoconsent_update')
    expect((next.find((e: any) => e.event == 'nanoconsent_consent') as any).nanoconsent).toMatchObject({ decided: true, analytics: false })
    expect(await domEvents(p2)).toEqual([['nanoconsent:consent', expect.objectContaining({ decided: true, analytics: false })]])
    // A GTM-only site loads gtm.js and nothing else: the container decides the rest.
    expect(t.trackers().map((l) => new URL(l.url).pathname)).toEqual(['/gtm.js', '/gtm.js'])
    expect(t.others()).toEqual([])
    expectNoPageErrors(t)
  })

  test('a returning visit after Accept all: nanoconsent_consent with the stored state, analytics_storage granted before gtag config, no change', async () => {
    const t = await suite.ctx()
    await recordDomEvents(t)
    const p = await t.newPage()
    await p.goto(suite.server.page('/ev/accept', oneTagPage()))
    await expectBanner(p)
    await bannerButton(p, 'Accept all').click()
    await waitKinds(t, ['gtag'])
    const p2 = await t.newPage()
    await p2.goto(suite.server.page('/ev/accept-2', oneTagPage()))
    await waitKinds(t, ['gtag', 'fbevents'], t.log.length - 1)
    const entries = await dataLayer(p2)
    const firstConsent = entries.findIndex((e: any) => e.event == 'nanoconsent_consent')
    const granted = entries.findIndex((e: any) => Array.isArray(e) && e[0] == 'consent' && e[2].analytics_storage == 'granted')
    const config = entries.findIndex((e: any) => Array.isArray(e) && e[0] == 'config')
    expect(granted, 'analytics_storage granted in the dataLayer').toBeGreaterThanOrEqual(0)
    expect(granted).toBeLessThan(config)
    expect(firstConsent).toBeLessThan(config)
    expect((entries[firstConsent] as any).nanoconsent).toMatchObject({ decided: true, analytics: true, advertising: true })
    expect(events(entries)).not.toContain('nanoconsent_update')
    expect((await domEvents(p2)).map(([n]) => n)).toEqual(['nanoconsent:consent'])
    expectNoPageErrors(t)
  })

  test('a returning visit after Reject all: consent fires with everything false, and nothing loads', async () => {
    const t = await suite.ctx()
    await recordDomEvents(t)
    const p = await t.newPage()
    await p.goto(suite.server.page('/ev/reject', oneTagPage()))
    await expectBanner(p)
    await bannerButton(p, 'Reject all').click()
    await expect.poll(() => api.get(p)).toMatchObject({ decided: true })
    const from = t.log.length
    const p2 = await t.newPage()
    await p2.goto(suite.server.page('/ev/reject-2', oneTagPage()))
    await idle(500)
    expect(await domEvents(p2)).toEqual([['nanoconsent:consent', expect.objectContaining({ decided: true, analytics: false, advertising: false, affiliate: false, preferences: false })]])
    expectNoTrackers(t, from, 'on a returning visit after Reject all')
    expectNoPageErrors(t)
  })

  test("on('consent') registered after the state is known is called once, at once; on('change') only when the state differs", async () => {
    const t = await suite.ctx()
    const p = await t.newPage()
    await p.goto(suite.server.page('/ev/late', oneTagPage()))
    await expectBanner(p)
    await bannerButton(p, 'Reject all').click()
    await expect.poll(() => api.get(p)).toMatchObject({ decided: true })
    const p2 = await t.newPage()
    await p2.goto(suite.server.page('/ev/late-2', oneTagPage()))
    const calls = await p2.evaluate(async () => {
      const nc = (window as any).nanoconsent
      const got: string[] = []
      nc.on('consent', (s: any) => got.push(`consent ${s.analytics}`))
      nc.on('change', (s: any) => got.push(`change ${s.analytics}`))
      const immediately = [...got]
      await nc.rejectAll()
      await new Promise((r) => setTimeout(r, 100))
      const afterSame = [...got]
      await nc.set({ analytics: true })
      await new Promise((r) => setTimeout(r, 100))
      return { immediately, afterSame, all: got }
    })
    expect(calls.immediately).toEqual(['consent false'])
    expect(calls.afterSame).toEqual(['consent false', 'consent false'])
    // on('change') follows the store at once; on('consent') once Consent Mode has been told.
    expect(calls.all).toEqual(['consent false', 'consent false', 'change true', 'consent true'])
    expectNoPageErrors(t)
  })

  test('regional defaults are pushed in order, with region, before the global one; bad codes are named', async () => {
    const t = await suite.ctx()
    const p = await t.newPage()
    const regions = [
      { region: ['US-CA', 'US-CO'], analytics_storage: 'granted', ad_storage: 'denied' },
      { region: ['ES'], analytics_storage: 'denied' },
      { region: ['usa'], analytics_storage: 'granted' }
    ]
    await p.goto(suite.server.page('/ev/regions', html({ config: { consentMode: { regions, waitForUpdate: 800, adsDataRedaction: true } } })))
    await expectBanner(p)
    const entries = await dataLayer(p)
    const defaults = consentCalls(entries, 'default')
    expect(defaults.slice(0, 2)).toEqual([
      { region: ['US-CA', 'US-CO'], analytics_storage: 'granted', ad_storage: 'denied' },
      { region: ['ES'], analytics_storage: 'denied' }
    ])
    expect(defaults.at(-1)).toMatchObject({ analytics_storage: 'denied', wait_for_update: 800 })
    expect(defaults.at(-1)).not.toHaveProperty('region')
    const redaction = entries.findIndex((e: any) => Array.isArray(e) && e[0] == 'set' && e[1] == 'ads_data_redaction' && e[2] === true)
    expect(redaction).toBeGreaterThan(entries.findIndex((e: any) => Array.isArray(e) && e[0] == 'consent'))
    await expect.poll(() => t.console.some((l) => l.includes('config "consentMode.regions[2].region[0]" is "usa"'))).toBe(true)
    expectNoPageErrors(t)
  })
})
