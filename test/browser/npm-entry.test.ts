/**
 * The npm entry, `createConsent()`, driven in a real page: src/index.ts
 * bundled by esbuild as an app would bundle it (ES modules, code splitting,
 * so the UI, change and activate chunks are files of their own), served by
 * the test server. The script tag's loader is not on these pages.
 */
import { build } from 'esbuild'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { api, bannerButton, consentCookie, expectBanner, expectNoPageErrors, html, idle, ROOT, useSuite, waitKinds } from './harness'

const suite = useSuite()

/** The app bundle's files, by URL path under /app/. */
let files: { path: string; text: string }[] = []

beforeAll(async () => {
  const out = await build({
    absWorkingDir: ROOT,
    stdin: { contents: "export { createConsent } from './src/index.ts'", resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: join(ROOT, 'app'),
    entryNames: 'entry',
    write: false,
    logLevel: 'silent',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    define: { 'process.env.NODE_ENV': '"production"' }
  })
  files = out.outputFiles.map((f) => ({ path: '/app/' + f.path.slice(join(ROOT, 'app').length + 1), text: f.text }))
})

/** An app page: the JSON block (when given) in <head>, then the app's module calling createConsent(passed). */
function appPage(passed: object, block?: object) {
  for (const f of files) suite.server.page(f.path, f.text, { 'content-type': 'text/javascript; charset=utf-8' })
  const page = html({ config: block, body: '' })
    // No script-tag loader on an npm page.
    .replace(/<script src="\/dist\/nanoconsent\.js"[^>]*><\/script>\n/, '')
    .replace('</body>', `<script type="module">import { createConsent } from '/app/entry.js'; window.nanoconsent = createConsent(${JSON.stringify(passed)})</script>\n</body>`)
  expect(page).not.toContain('/dist/nanoconsent.js')
  return page
}

describe('npm entry in a browser page', () => {
  test('the bundle splits: the entry is small, and the UI is a chunk of its own', () => {
    expect(files.map((f) => f.path)).toContain('/app/entry.js')
    expect(files.length, files.map((f) => f.path).join(', ')).toBeGreaterThanOrEqual(4)
  })

  test('createConsent(): banner from its own chunk, Accept all stores the choice and starts GA4', async () => {
    const t = await suite.ctx()
    const page = await t.newPage()
    await page.goto(suite.server.page('/npm/plain', appPage({ revision: 3, policyUrl: '/privacy', integrations: { ga4: { id: 'G-NPM1234' } } })))
    await expectBanner(page)
    expect(t.local('/dist/'), 'the script-tag build is not used').toEqual([])
    expect(t.local('/app/').length, 'app chunks fetched on a first visit').toBeGreaterThanOrEqual(2)
    await bannerButton(page, 'Accept all').click()
    await waitKinds(t, ['gtag'])
    expect(t.trackers().find((l) => l.kind === 'gtag')!.url).toContain('id=G-NPM1234')
    expect((await consentCookie(t.ctx))!.value).toMatch(/^2\.3\.[a-z\d]+\.a\./)
    await page.reload()
    await expect.poll(() => api.get(page).then((s) => s.decided)).toBe(true)
    await idle(300)
    expect(await bannerButton(page, 'Accept all').count(), 'banner on a returning visit').toBe(0)
    expectNoPageErrors(t)
  })

  // README: "A #nanoconsent-config block on the page, if there is one, takes precedence over the object you pass."
  test('precedence: the JSON block in <head> over the object passed; what the block leaves out comes from the object', async () => {
    const t = await suite.ctx()
    const page = await t.newPage()
    const passed = { revision: 3, recordUrl: '/consent-log', integrations: { ga4: { id: 'G-PASSED1' } } }
    const block = { revision: 7, integrations: { ga4: { id: 'G-BLOCK77' } } }
    await page.goto(suite.server.page('/npm/precedence', appPage(passed, block)))
    await expectBanner(page)
    await bannerButton(page, 'Accept all').click()
    await waitKinds(t, ['gtag'])
    const gtag = t.trackers().filter((l) => l.kind === 'gtag').map((l) => l.url)
    expect(gtag, 'GA4 id: the block wins').toEqual([expect.stringContaining('id=G-BLOCK77')])
    expect((await api.record(page))!.revision, 'revision: the block wins').toBe(7)
    expect((await consentCookie(t.ctx))!.value).toMatch(/^2\.7\./)
    // recordUrl is only in the passed object: it still applies.
    await expect.poll(() => suite.server.records.map((r) => JSON.parse(r).revision)).toContain(7)
    expectNoPageErrors(t)
  })
})
