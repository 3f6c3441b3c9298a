/**
 * The first-visit hint from the built nanoconsent/server, in a real Chromium:
 * the hinted ui.js is the very module the loader imports (fetched once), it
 * works under a strict nonce CSP, and the consent cookie the SDK writes turns
 * the hint off.
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, test } from 'vitest'
import { DIST, bannerButton, consentCookie, expectBanner, expectNoPageErrors, idle, oneTagPage, useSuite, waitKinds, type Tracked } from './harness'

const suite = useSuite()
const ctx = suite.ctx
// The loader is served from /dist/, so it imports /dist/ui.js: the hint names the same folder.
const ASSETS = { assetsUrl: '/dist/' }
const helper = (): Promise<typeof import('../../src/server')> => import(pathToFileURL(join(DIST, 'server.js')).href)
/** Every request for a file named ui.js, whatever its path: the hint's and the loader's. */
const uiRequests = (t: Tracked) => t.log.filter((l) => l.kind === 'local' && new URL(l.url).pathname.endsWith('/ui.js')).map((l) => l.url)

describe('first-visit hint', () => {
  test('the tag, with the nonce under a strict CSP: ui.js fetched once, banner shown, no violation', async () => {
    const { firstVisitHint } = await helper()
    const t = await ctx()
    const page = await t.newPage()
    const hint = firstVisitHint(undefined, { ...ASSETS, nonce: 'XYZ' })
    expect(hint).toContain('nonce="XYZ"')
    const url = suite.server.page('/t/hint-tag', oneTagPage({ title: 'Hinted', loader: { nonce: 'XYZ' }, head: hint }), {
      'content-security-policy': "script-src 'nonce-XYZ' 'strict-dynamic'; style-src 'nonce-XYZ'; object-src 'none'; base-uri 'none'"
    })
    await page.goto(url)
    await expectBanner(page)
    await idle(300)
    expect(uiRequests(t), 'ui.js requests').toHaveLength(1)
    expect(await page.evaluate(() => (window as any).__csp), 'securitypolicyviolation events').toEqual([])
    expectNoPageErrors(t)
  })

  test('the Link header: ui.js fetched once, banner shown, and "Accept all" works', async () => {
    const { firstVisitLink } = await helper()
    const t = await ctx()
    const page = await t.newPage()
    const link = firstVisitLink(null, ASSETS)!
    const url = suite.server.page('/t/hint-link', oneTagPage({ title: 'Hinted' }), { link })
    await page.goto(url)
    await expectBanner(page)
    await bannerButton(page, 'Accept all').click()
    await waitKinds(t, ['gtag'])
    expect(uiRequests(t), 'ui.js requests').toHaveLength(1)
    expectNoPageErrors(t)
  })

  test('the consent cookie the SDK writes, accepted or refused, turns the hint off', async () => {
    const { firstVisitHint, firstVisitLink } = await helper()
    for (const choice of ['Accept all', 'Reject all']) {
      const t = await ctx()
      const page = await t.newPage()
      const url = suite.server.page('/t/hint-choice', oneTagPage({ title: 'Hinted', head: firstVisitHint('', ASSETS) }))
      await page.goto(url)
      await expectBanner(page)
      await bannerButton(page, choice).click()
      await expect.poll(() => consentCookie(t.ctx), { message: `consent cookie after "${choice}"` }).toBeTruthy()
      // What the browser sends on the next request to this page.
      const header = (await t.ctx.cookies(url)).map((c) => `${c.name}=${c.value}`).join('; ')
      expect(firstVisitHint(header, ASSETS), `hint after "${choice}" with Cookie: ${header}`).toBe('')
      expect(firstVisitLink(header, ASSETS), `Link after "${choice}"`).toBeNull()
    }
  })
})
