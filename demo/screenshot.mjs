// Screenshots of the demo in English, Arabic and French, with Chromium.
//   npm run build && node demo/screenshot.mjs     -> test-artifacts/demo-*.png
// Uses CHROMIUM_PATH or /usr/bin/chromium. No network needed: the demo's
// service worker answers for the vendors.
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { CHROMIUM, CHROMIUM_ARGS } from '../test/chromium.mjs'
import { start } from './serve.mjs'

const OUT = fileURLToPath(new URL('../test-artifacts/', import.meta.url))
mkdirSync(OUT, { recursive: true })
const exe = CHROMIUM
if (!existsSync(exe)) throw new Error(`Chromium not found at ${exe}: apt-get install -y chromium, or set CHROMIUM_PATH`)

const problems = []
const { server, url } = await start(0, { log: () => {} })
const browser = await chromium.launch({
  executablePath: exe,
  args: CHROMIUM_ARGS
})

async function session(name, lang, viewport, steps) {
  const ctx = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: lang === 'ar' ? 'ar' : lang === 'fr' ? 'fr-FR' : 'en-US' })
  const page = await ctx.newPage()
  page.on('pageerror', (e) => problems.push(`${name}: pageerror ${e}`))
  page.on('console', (m) => m.type() === 'error' && problems.push(`${name}: console ${m.text()}`))
  await page.goto(`${url}?lang=${lang}`)
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller, null, { timeout: 10_000 })
  await page.evaluate(() => document.fonts.ready)
  const shot = async (suffix) => {
    const file = join(OUT, `demo-${name}-${suffix}.png`)
    await page.screenshot({ path: file })
    console.log(file)
  }
  await steps(page, shot)
  await ctx.close()
}

const T = {
  en: { accept: 'Accept all', customize: 'Customize', reject: 'Reject all' },
  ar: { accept: 'قبول الكل', customize: 'تخصيص', reject: 'رفض الكل' },
  fr: { accept: null, customize: null, reject: null }
}
const button = (page, name) => page.locator('#nanoconsent-root').getByRole('button', { name, exact: true }).first()
const waitRows = (page, n) => page.waitForFunction((n) => document.querySelectorAll('#insp-requests tr:not(.divider):not(.empty)').length >= n, n, { timeout: 10_000 })

try {
  for (const lang of ['en', 'ar']) {
    await session(lang, lang, { width: 1366, height: 900 }, async (page, shot) => {
      await button(page, T[lang].accept).waitFor({ state: 'visible' })
      await shot('1-banner')
      await button(page, T[lang].customize).click()
      await page.getByRole('dialog').waitFor({ state: 'visible' })
      await shot('2-modal')
      await page.getByRole('dialog').getByRole('button', { name: T[lang].accept, exact: true }).click()
      await waitRows(page, 5)
      await page.waitForFunction(() => /_fbp=/.test(document.cookie) && /_ga=/.test(document.cookie))
      await page.waitForTimeout(1100) // the inspector's cookie poll
      await shot('3-accepted')
      await page.locator('.inspector [data-nanoconsent="open-preferences"]').click()
      await page.getByRole('dialog').getByRole('button', { name: T[lang].reject, exact: true }).click()
      await page.waitForEvent('load')
      await page.waitForTimeout(1200)
      await shot('4-withdrawn')
    })
  }
  await session('fr', 'fr', { width: 1366, height: 900 }, async (page, shot) => {
    await page.locator('#nanoconsent-root').getByRole('button').first().waitFor({ state: 'visible' })
    await shot('1-banner')
  })
  await session('en-mobile', 'en', { width: 390, height: 844 }, async (page, shot) => {
    await button(page, T.en.accept).waitFor({ state: 'visible' })
    await shot('1-banner')
  })
  await session('ar-mobile', 'ar', { width: 390, height: 844 }, async (page, shot) => {
    await button(page, T.ar.accept).waitFor({ state: 'visible' })
    await shot('1-banner')
  })
} finally {
  await browser.close()
  server.close()
}
if (problems.length) {
  console.error(problems.join('\n'))
  process.exitCode = 1
}
