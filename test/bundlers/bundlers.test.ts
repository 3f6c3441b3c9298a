/**
 * nanoconsent in the bundlers npm users run (issue 12). The packed tarball is
 * installed into one workspace; each fixture builds the same small
 * server-rendered app (React with @nanostores/react, Vue with @nanostores/vue,
 * or Svelte reading the store as `$store`) and is then visited in Chromium, first and returning.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { build, fixtures, type Built, type Fixture } from './fixtures'
import { launch, serve, visitor } from './site'
import { APPS, prepareWorkspace, removeWorkspace, REPO } from './workspace'

/** A class name only the UI chunk holds (the preferences modal's overlay). */
const UI_MARKER = 'nc-overlay'
const ar = JSON.parse(readFileSync(join(REPO, 'locales/ar.json'), 'utf8'))
const AR_ACCEPT: string = ar.actions.acceptAll
/** The Arabic "Accept all" as it may appear in a bundle: as is, or escaped (\u0642…). */
const AR_MARKER = new RegExp(`${AR_ACCEPT}|${[...AR_ACCEPT].map((c) => (c == ' ' ? ' ' : `\\\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)).join('')}`, 'i')
const count = (text: string, part: string) => text.split(part).length - 1

let workspace = ''
let browser: Browser
let uiCopies = 0

beforeAll(async () => {
  workspace = prepareWorkspace()
  uiCopies = count(readFileSync(join(workspace, 'node_modules/nanoconsent/dist/ui.js'), 'utf8'), UI_MARKER)
  browser = await launch()
}, 240_000)

afterAll(async () => {
  await browser?.close()
  removeWorkspace(workspace)
})

/** The framework component's two faces: before and after its category is granted (Vue and Svelte show the same notice). */
const component = (page: Page, fixture: Fixture) =>
  fixture.framework == 'react'
    ? { before: page.locator('#app').getByRole('button', { name: 'Allow advertising cookies to watch' }), after: page.locator('#app iframe[title="Video"]') }
    : { before: page.locator('#app').getByRole('button', { name: 'Cookie settings' }), after: page.locator('#app p', { hasText: 'Thanks for helping us measure the site.' }) }

test('the README’s React, Vue and Svelte examples are the files these apps build', () => {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8')
  for (const file of ['consent.ts', 'react.tsx', 'vue.ts', 'AnalyticsNotice.svelte']) {
    const block = new RegExp(`<!-- pack-test: ${file.replace('.', '\\.')} -->\\s*\\n\`\`\`\\w*\\n([\\s\\S]*?)\\n\`\`\``).exec(readme)
    expect(block && block[1] + '\n', `README block for ${file}`).toBe(readFileSync(join(APPS, 'shared', file), 'utf8'))
  }
})

describe.each(fixtures)('$name', (fixture) => {
  let built: Built

  test('builds with no warning, one copy of the UI, and (when the format splits) a chunk of its own for the UI and for Arabic', async () => {
    built = await build(fixture, workspace)
    expect(built.warnings).toEqual([])
    const ui = built.files.filter((f) => f.text.includes(UI_MARKER))
    expect(ui.map((f) => f.name), 'files holding the UI').toHaveLength(1)
    expect(count(ui[0]!.text, UI_MARKER), 'copies of the UI').toBe(uiCopies)
    const entry = /<script[^>]* src="\/([^"]+)"/.exec(built.files.find((f) => f.name == 'index.html')!.text)![1]
    const arabic = built.files.filter((f) => AR_MARKER.test(f.text)).map((f) => f.name)
    if (fixture.splits) {
      expect(ui[0]!.name, 'the UI is not in the entry').not.toBe(entry)
      expect(arabic, 'Arabic is in one chunk, neither the entry nor the UI').toHaveLength(1)
      expect([entry, ui[0]!.name]).not.toContain(arabic[0])
    } else {
      expect([ui[0]!.name, ...arabic]).toEqual([entry, entry])
    }
  })

  test('in Chromium: the Arabic banner (rtl); Accept all updates the component; no banner on return; no console error or hydration warning', async () => {
    expect(built, 'built by the test before').toBeDefined()
    const site = await serve(built.out)
    const v = await visitor(browser, site.origin)
    try {
      const page = await v.ctx.newPage()
      const { before, after } = component(page, fixture)
      await page.goto(`${site.origin}/`)
      const root = page.locator('#nanoconsent-root')
      const accept = root.locator('.nc-banner').getByRole('button', { name: AR_ACCEPT, exact: true })
      await accept.waitFor({ state: 'visible', timeout: 10_000 })
      expect([await root.getAttribute('lang'), await root.getAttribute('dir')]).toEqual(['ar', 'rtl'])

      // The hydrated component is live: its button opens the preferences (Arabic too).
      await before.click()
      await page.getByRole('dialog').waitFor({ state: 'visible', timeout: 5000 })
      await page.keyboard.press('Escape')
      await accept.click()
      await after.waitFor({ state: 'visible', timeout: 5000 })
      expect(await before.count()).toBe(0)
      expect((await v.ctx.cookies()).map((c) => c.name)).toContain('nanoconsent')

      const firstVisit = v.requests.length
      await page.reload()
      await after.waitFor({ state: 'visible', timeout: 5000 })
      // Past load and idle, when a banner would be inserted.
      await page.waitForTimeout(800)
      expect(await root.count(), 'no banner on a returning visit').toBe(0)
      const uiFile = `/${built.files.find((f) => f.text.includes(UI_MARKER))!.name}`
      if (fixture.splits) expect(v.requests.slice(firstVisit), 'the UI chunk is not downloaded on a returning visit').not.toContain(uiFile)

      expect(v.pageErrors).toEqual([])
      expect(v.console.filter((m) => /^(error|warning):/.test(m) || /hydrat/i.test(m))).toEqual([])
      expect(v.elsewhere).toEqual([])
      // An IIFE cannot split: nanoconsent says so, once; a split build hears nothing.
      expect(v.console.filter((m) => m.startsWith('info: nanoconsent:'))).toHaveLength(fixture.splits ? 0 : 1)
    } finally {
      await v.ctx.close()
      await site.close()
    }
  })
})
