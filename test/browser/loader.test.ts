/**
 * The script-tag entry itself (src/loader.ts), which no unit test loads: the
 * tag's data-* attributes over the JSON block, and a start that fails
 * leaving an inert `window.nanoconsent` rather than nothing.
 */
import { describe, expect, test } from 'vitest'
import { api, bannerButton, consentCookie, expectBanner, expectNoPageErrors, html, idle, useSuite, waitForApi, waitKinds } from './harness'

const suite = useSuite()

describe('the script-tag loader', () => {
  test("the tag's data-* attributes take precedence over the JSON block; what the tag leaves out comes from the block", async () => {
    const t = await suite.ctx()
    const p = await t.newPage()
    const page = html({
      config: { revision: 1, recordUrl: '/consent-log', integrations: { ga4: { id: 'G-BLOCK111' } } },
      loader: { 'data-revision': 4, 'data-ga4': 'G-TAG4444' }
    })
    await p.goto(suite.server.page('/loader/precedence', page))
    await expectBanner(p)
    await bannerButton(p, 'Accept all').click()
    await waitKinds(t, ['gtag'])
    expect(t.trackers().filter((l) => l.kind === 'gtag').map((l) => l.url)).toEqual([expect.stringContaining('id=G-TAG4444')])
    expect((await consentCookie(t.ctx))!.value).toMatch(/^2\.4\./)
    await expect.poll(() => suite.server.records.map((r) => JSON.parse(r).revision)).toContain(4)
    expectNoPageErrors(t)
  })

  test('a start that throws leaves an inert window.nanoconsent: nothing granted, marked tags inert, one error', async () => {
    const t = await suite.ctx()
    // A page script that makes the Consent Mode default throw (a hostile gtag getter).
    await t.ctx.addInitScript(() => {
      Object.defineProperty(window, 'gtag', {
        configurable: true,
        get() {
          throw new Error('gtag is not yours')
        }
      })
    })
    const p = await t.newPage()
    const body = `<script type="text/plain" data-category="analytics">window.__ran = true</script>`
    await p.goto(suite.server.page('/loader/fails', html({ body })))
    await waitForApi(p)
    await idle(500)
    expect(await api.get(p)).toMatchObject({ decided: false, necessary: true, analytics: false, advertising: false })
    expect(await p.evaluate(() => (window as any).__ran)).toBeUndefined()
    expect(t.console.filter((l) => l.startsWith('[error]'))).toEqual([expect.stringMatching(/nanoconsent: failed to start; nothing runs/)])
    expectNoPageErrors(t)
  })
})
