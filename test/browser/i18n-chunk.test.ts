/**
 * i18next is in its own chunk, i18n.js, which the banner does not wait for:
 * the banner is worded without it (quick-t.ts, the same words), and the
 * preferences, which need it, wait for it. A chunk that cannot load leaves
 * the banner working, and nothing runs until the visitor chooses.
 */
import { describe, expect, test } from 'vitest'
import { bannerButton, consentCookie, expectBanner, expectNoTrackers, html, idle, useSuite, waitKinds } from './harness'

const suite = useSuite()
const GTAG = 'https://www.googletagmanager.com/gtag/js?id=G-I18N12345'
const page = () => html({ body: `<script type="text/plain" data-category="analytics" data-src="${GTAG}"></script>` })

describe('the i18n.js chunk', () => {
  test('the banner shows while i18n.js is held; Customize opens the preferences once it arrives', async () => {
    const t = await suite.ctx()
    let release!: () => void
    const released = new Promise<void>((r) => (release = r))
    await t.ctx.route('**/dist/i18n.js', async (route) => {
      await released
      await route.fallback()
    })
    const p = await t.newPage()
    await p.goto(suite.server.page('/i18n-held', page()))
    await expectBanner(p)
    await bannerButton(p, 'Customize').click()
    await idle(300)
    expect(await p.locator('#nanoconsent-root').getByRole('dialog').count(), 'no preferences before i18next').toBe(0)
    release()
    await p.locator('#nanoconsent-root').getByRole('dialog').waitFor({ state: 'visible', timeout: 5000 })
  })

  test('a chunk that never loads: the banner still asks, nothing runs before a choice, Accept all still works', async () => {
    const t = await suite.ctx()
    await t.ctx.route('**/dist/i18n.js*', (route) => route.fulfill({ status: 404, body: '' }))
    const p = await t.newPage()
    await p.goto(suite.server.page('/i18n-gone', page()))
    await expectBanner(p)
    await idle(500)
    expectNoTrackers(t, 0, 'before a choice')
    const mark = t.log.length
    await bannerButton(p, 'Accept all').click()
    await waitKinds(t, ['gtag'], mark)
    expect((await consentCookie(t.ctx))?.value, 'the choice is stored').toMatch(/^2\./)
    expect(t.console.some((l) => l.startsWith('[error] nanoconsent:')), 'the failed chunk is reported').toBe(true)
  })
})
