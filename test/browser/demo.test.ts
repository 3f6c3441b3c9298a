/**
 * Smoke test of the demo (demo/serve.mjs): it must keep working as the SDK
 * changes. Its service worker, not the harness, answers for the vendors; the
 * route below only makes sure nothing ever reaches the real internet.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import type { Browser } from 'playwright-core'
import { launch } from './harness'
// @ts-expect-error plain ESM module without types
import { start } from '../../demo/serve.mjs'

let browser: Browser
let demo: { server: import('node:http').Server; url: string }
let launchError: unknown
const records: string[] = []

beforeAll(async () => {
  demo = await start(0, { log: (m: string) => records.push(m) })
  browser = await launch().catch((e) => {
    launchError = e
    return undefined as unknown as Browser
  })
})
beforeEach(() => {
  if (launchError) throw launchError
})
afterAll(async () => {
  await browser?.close()
  demo?.server.close()
})

describe('demo', () => {
  for (const [lang, accept, reject, dir] of [
    ['en', 'Accept all', 'Reject all', 'ltr'],
    ['ar', 'قبول الكل', 'رفض الكل', 'rtl']
  ] as const) {
    test(`demo (${lang}): nothing before consent; accept shows requests and cookies; withdrawal cleans up`, async () => {
      const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } })
      const escaped: string[] = []
      await ctx.route(/^https?:\/\/(?!127\.0\.0\.1)/, (r) => {
        escaped.push(r.request().url())
        return r.abort()
      })
      const page = await ctx.newPage()
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(String(e)))
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
      await page.goto(`${demo.url}?lang=${lang}&aff_id=PARTNER-42`)
      expect(await page.evaluate(() => document.documentElement.dir)).toBe(dir)
      await page.waitForFunction(() => navigator.serviceWorker.controller, null, { timeout: 10_000 })
      const button = (name: string) => page.locator('#nanoconsent-root').getByRole('button', { name, exact: true }).first()
      await button(accept).waitFor({ state: 'visible' })
      expect(await page.locator('#insp-requests tr:not(.divider):not(.empty)').count()).toBe(0)
      expect(await page.evaluate(() => document.cookie)).toBe('')

      await button(accept).click()
      await page.waitForFunction(() => document.querySelectorAll('#insp-requests tr:not(.divider):not(.empty)').length >= 7, null, { timeout: 10_000 })
      const rows = (await page.locator('#insp-requests td.url').evaluateAll((tds) => tds.map((td) => td.getAttribute('title')))).join('\n')
      for (const host of ['www.googletagmanager.com', 'connect.facebook.net', 'partners.example', 'region1.google-analytics.com', 'www.facebook.com'])
        expect(rows, rows).toContain(host)
      expect(rows).toContain('click=PARTNER-42')
      await expect
        .poll(() => page.locator('#insp-cookies').innerText(), { timeout: 3000 })
        .toMatch(/nanoconsent[^]*_ga[^]*_fbp|_fbp[^]*_ga/)
      expect(records.some((r) => r.includes('"method":"accept-all"')), 'consent record POSTed to /consent-log').toBe(true)

      await page.locator('.inspector [data-nanoconsent="open-preferences"]').click()
      const reloaded = page.waitForEvent('load')
      await page.getByRole('dialog').getByRole('button', { name: reject, exact: true }).click()
      await reloaded
      await page.waitForFunction(() => navigator.serviceWorker.controller)
      const cookies = (await ctx.cookies()).map((c) => c.name)
      expect(cookies).toEqual(['nanoconsent'])
      expect(escaped, 'requests that left 127.0.0.1').toEqual([])
      expect(errors).toEqual([])
      await ctx.close()
    })
  }
})
