/**
 * The loader asks for what the page needs while the page is still being
 * parsed, not one round trip later: ui.js on a first visit, the visitor's
 * language together with it, activate.js on a returning visit that granted
 * something. Proven by holding a response until the other request arrives
 * (at most HOLD_MS): had the loader waited for DOMContentLoaded or for
 * ui.js, the request would not come while the response is held. No timing
 * decides the outcome.
 */
import type { BrowserContext } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { bannerButton, expectBanner, html, idle, tr, useSuite, waitKinds } from './harness'

const suite = useSuite()
const HOLD_MS = 8000
const GTAG = 'https://www.googletagmanager.com/gtag/js?id=G-HEAD12345'
/** A parser-blocking script in <body>: the page is not parsed (no DOMContentLoaded) while it is held. */
const BLOCKER = '<script src="/held/blocker.js"></script>'
const MARKED = `<script type="text/plain" data-category="analytics" data-src="${GTAG}"></script>`

/**
 * Holds every response to `held` until a request whose path ends in `awaited`
 * is seen, or HOLD_MS have passed. `inTime` says whether it was seen (wrapped:
 * an async function returning a bare promise would wait for it).
 */
async function holdUntil(ctx: BrowserContext, held: string, awaited: string, body = '') {
  let seen!: () => void
  const asked = new Promise<void>((r) => (seen = r))
  ctx.on('request', (r) => new URL(r.url()).pathname.endsWith(awaited) && seen())
  let result!: (v: boolean) => void
  const inTime = new Promise<boolean>((r) => (result = r))
  await ctx.route(`**${held}`, async (route) => {
    result(await Promise.race([asked.then(() => true), idle(HOLD_MS).then(() => false)]))
    await (body ? route.fulfill({ contentType: 'text/javascript', body }) : route.fallback())
  })
  return { inTime }
}

describe('the loader starts what the page needs while the page is parsed', () => {
  test('first visit on a page that derives its categories: ui.js is requested before the parser passes <body>', async () => {
    const t = await suite.ctx()
    const { inTime } = await holdUntil(t.ctx, '/held/blocker.js', '/dist/ui.js', 'window.__parsed = 1')
    const p = await t.newPage()
    await p.goto(suite.server.page('/head-start', html({ derive: true, body: BLOCKER + MARKED })), { waitUntil: 'commit' })
    expect(await inTime, 'ui.js asked for while the parser waited').toBe(true)
    await expectBanner(p)
  })

  test('first visit on a French page: fr.json is requested before ui.js has arrived, and the banner is in French', async () => {
    const t = await suite.ctx()
    const { inTime } = await holdUntil(t.ctx, '/dist/ui.js', '/locales/fr.json')
    const p = await t.newPage()
    await p.goto(suite.server.page('/head-start-fr', html({ lang: 'fr' })), { waitUntil: 'commit' })
    expect(await inTime, 'fr.json asked for while ui.js was held').toBe(true)
    await bannerButton(p, tr('fr', 'Accept all')).waitFor({ state: 'visible', timeout: 5000 })
  })

  test('returning visit that granted analytics, on a page that derives its categories: activate.js is requested before the parser passes <body>', async () => {
    const t = await suite.ctx()
    // html() pages are revision 1; the choice answers the page's one optional category.
    const value = `2.1.${Date.now().toString(36)}.c.${'H'.repeat(16)}.analytics`
    await t.ctx.addCookies([{ name: 'nanoconsent', value, url: suite.server.origin + '/' }])
    const { inTime } = await holdUntil(t.ctx, '/held/blocker.js', '/dist/activate.js', 'window.__parsed = 1')
    const p = await t.newPage()
    await p.goto(suite.server.page('/head-start-back', html({ derive: true, body: BLOCKER + MARKED })), { waitUntil: 'commit' })
    expect(await inTime, 'activate.js asked for while the parser waited').toBe(true)
    await waitKinds(t, ['gtag'])
    expect(t.local('/dist/ui.js'), 'no banner to ask').toEqual([])
  })
})
