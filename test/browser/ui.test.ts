/**
 * Accessibility (axe + keyboard), right-to-left mirroring and layout stability.
 */
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import {
  api,
  ARTIFACTS,
  bannerButton,
  catName,
  consentCookie,
  deepActive,
  expectBanner,
  expectNoPageErrors,
  oneTagPage,
  toggle,
  tr,
  useSuite
} from './harness'

const require = createRequire(import.meta.url)
const AXE = require.resolve('axe-core')

const suite = useSuite()
const ctx = suite.ctx
beforeAll(() => mkdirSync(ARTIFACTS, { recursive: true }))

const LANGS = ['en', 'ar'] as const
const pageFor = (lang: string) => suite.server.page(`/t/ui-${lang}`, oneTagPage({ lang, title: lang === 'ar' ? 'متجر تجريبي' : 'Test shop' }))
const L = (lang: string, en: string) => (lang === 'en' ? en : tr(lang, en))
const btn = (p: Page, lang: string, en: string) => bannerButton(p, L(lang, en))

async function axe(page: Page, what: string) {
  if (!(await page.evaluate(() => !!(window as any).axe))) await page.addScriptTag({ path: AXE })
  const res = await page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { resultTypes: ['violations'] })
    return r.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n: any) => ({ target: JSON.stringify(n.target), summary: n.failureSummary?.split('\n').slice(0, 3).join(' ') }))
    }))
  })
  return res.map(
    (v: any) => `[${what}] ${v.id} (${v.impact}): ${v.help}\n` + v.nodes.map((n: any) => `    ${n.target} — ${n.summary}`).join('\n')
  )
}

async function insideDialog(dialog: Locator) {
  const h = await dialog.elementHandle()
  return h!.evaluate((d) => {
    let a: Element | null = document.activeElement
    while (a && (a as HTMLElement).shadowRoot && (a as HTMLElement).shadowRoot!.activeElement) a = (a as HTMLElement).shadowRoot!.activeElement
    return !!a && d.contains(a)
  })
}

const box = async (l: Locator) => {
  const b = await l.boundingBox()
  if (!b) throw new Error(`no bounding box for ${l}`)
  return b
}

describe('accessibility, RTL, layout', () => {
  test('12a. axe: zero violations on the banner and the open modal, English and Arabic', async () => {
    const problems: string[] = []
    for (const lang of LANGS) {
      const t = await ctx()
      const page = await t.newPage()
      await page.goto(pageFor(lang))
      await btn(page, lang, 'Accept all').waitFor({ state: 'visible', timeout: 5000 })
      problems.push(...(await axe(page, `${lang} banner`)))
      await btn(page, lang, 'Customize').click()
      const dialog = page.getByRole('dialog')
      await dialog.waitFor({ state: 'visible' })
      expect(await dialog.getAttribute('aria-modal')).toBe('true')
      const name = await dialog.evaluate((d) => {
        const ids = (d.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean)
        const root = d.getRootNode() as Document | ShadowRoot
        return ids.map((id) => root.getElementById(id)?.textContent?.trim()).join(' ') || d.getAttribute('aria-label') || ''
      })
      expect(name, 'modal labelled by its title').toBe(L(lang, 'Cookie preferences'))
      problems.push(...(await axe(page, `${lang} modal`)))
      // The modal lists each category's cookies, the integrations' included (design.md, ResolvedConfig).
      for (const name of ['nanoconsent', '_ga', '_fbp'])
        expect(await dialog.getByText(name, { exact: true }).count(), `cookie "${name}" listed in the ${lang} modal`).toBeGreaterThan(0)
      expectNoPageErrors(t)
      await t.close()
    }
    expect(problems, `axe violations:\n${problems.join('\n')}`).toEqual([])
  })

  test('12b. keyboard only: the banner is first in the tab order; the modal traps focus, Escape closes it, focus returns, no consent', async () => {
    const t = await ctx()
    const page = await t.newPage()
    await page.goto(pageFor('en'))
    await expectBanner(page)
    // The root sits after the page's markup (hydration never meets it); focus handling, not DOM order, puts the banner first.
    expect(await page.evaluate(() => document.body.lastElementChild?.id)).toBe('nanoconsent-root')
    const stops: string[] = []
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab')
      const a = await deepActive(page)
      stops.push(`${a?.inRoot ? 'banner' : 'page'}:${a?.text}`)
    }
    expect(stops, 'Tab from the top of the page: the banner, then the page').toEqual([
      'banner:Privacy policy',
      'banner:Accept all',
      'banner:Reject all',
      'banner:Customize',
      'page:Home',
      'page:Cookie settings'
    ])
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('Shift+Tab')
    expect(await deepActive(page), 'Shift+Tab from the page’s first link goes back to the banner').toMatchObject({ inRoot: true, text: 'Customize' })

    const link = page.locator('[data-nanoconsent="open-preferences"]')
    await link.focus()
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog')
    await dialog.waitFor({ state: 'visible' })
    await expect.poll(() => insideDialog(dialog), { timeout: 2000, message: 'focus moved into the modal' }).toBe(true)
    const visited = new Set<string>()
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab')
      const a = await deepActive(page)
      visited.add(`${a?.tag}:${a?.text || a?.label}`)
      expect(await insideDialog(dialog), `focus escaped the modal after ${i + 1} Tab(s): ${JSON.stringify(a)}`).toBe(true)
    }
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Shift+Tab')
      expect(await insideDialog(dialog), `focus escaped the modal after ${i + 1} Shift+Tab(s): ${JSON.stringify(await deepActive(page))}`).toBe(true)
    }
    expect(visited.size, `distinct focus stops in the modal: ${[...visited].join(' | ')}`).toBeGreaterThanOrEqual(4)
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden', timeout: 2000 })
    const a = await deepActive(page)
    expect(a?.nc, `focus after Escape: ${JSON.stringify(a)}`).toBe('open-preferences')
    expect(await api.get(page)).toMatchObject({ decided: false })
    expect(await consentCookie(t.ctx), 'Escape is not consent').toBeUndefined()
    expectNoPageErrors(t)
  })

  test('13. RTL: Arabic root is rtl, banner buttons and modal toggles are mirrored (screenshots saved)', async () => {
    const names = ['Accept all', 'Reject all', 'Customize']
    const W = 1280
    const measure = async (lang: string) => {
      const t = await ctx({ viewport: { width: W, height: 800 } })
      const page = await t.newPage()
      await page.goto(pageFor(lang))
      for (const n of names) await btn(page, lang, n).waitFor({ state: 'visible', timeout: 5000 })
      await page.evaluate(() => document.fonts.ready)
      const dir = await btn(page, lang, 'Accept all').evaluate((el) => getComputedStyle(el).direction)
      const rootDir = await page.evaluate(() => {
        const host = document.getElementById('nanoconsent-root')
        if (!host) return null
        const inner = host.shadowRoot?.querySelector('[dir]')
        return { host: host.getAttribute('dir'), inner: inner?.getAttribute('dir') ?? null, computed: getComputedStyle(host).direction }
      })
      const boxes: Record<string, { x: number; width: number }> = {}
      for (const n of names) boxes[n] = await box(btn(page, lang, n))
      await page.screenshot({ path: join(ARTIFACTS, `${lang}-banner.png`) })
      await btn(page, lang, 'Customize').click()
      const dialog = page.getByRole('dialog')
      await dialog.waitFor({ state: 'visible' })
      await page.waitForTimeout(50)
      const toggles: Record<string, { toggle: { x: number; width: number }; label: { x: number; width: number } }> = {}
      for (const id of ['preferences', 'analytics', 'advertising', 'affiliate']) {
        const label = catName(id, lang)
        const tg = toggle(dialog, label)
        await tg.scrollIntoViewIfNeeded()
        const tb = await box(tg)
        // A visually-hidden native input: measure the visible element it drives instead.
        const vis = tb.width < 8 ? await box(tg.locator('xpath=..')) : tb
        const lb = await box(dialog.getByText(label, { exact: true }).first())
        toggles[id] = { toggle: vis, label: lb }
      }
      await page.screenshot({ path: join(ARTIFACTS, `${lang}-modal.png`) })
      expectNoPageErrors(t)
      await t.close()
      return { dir, rootDir, boxes, toggles }
    }
    const en = await measure('en')
    const ar = await measure('ar')
    expect(en.dir).toBe('ltr')
    expect(ar.dir, `Arabic root: ${JSON.stringify(ar.rootDir)}`).toBe('rtl')
    const order = (m: typeof en) => [...names].sort((a, b) => m.boxes[a].x - m.boxes[b].x)
    const info = `en ${JSON.stringify(en.boxes)}\nar ${JSON.stringify(ar.boxes)}`
    expect(order(ar), `button order on the x axis must be reversed in Arabic\n${info}`).toEqual([...order(en)].reverse())
    // Mirror position of "Accept all" (centres, since Arabic labels have other widths).
    const c = (b: { x: number; width: number }) => b.x + b.width / 2
    const mirrored = W - c(en.boxes['Accept all'])
    expect(Math.abs(c(ar.boxes['Accept all']) - mirrored), `"Accept all" centre: en ${c(en.boxes['Accept all'])}, ar ${c(ar.boxes['Accept all'])}, mirror ${mirrored}`).toBeLessThan(W * 0.1)
    for (const id of Object.keys(en.toggles)) {
      const e = en.toggles[id]
      const a = ar.toggles[id]
      expect(c(e.toggle), `en: ${id} toggle at the inline end (right of its label) ${JSON.stringify(e)}`).toBeGreaterThan(c(e.label))
      expect(a.toggle.x, `ar: ${id} toggle at the inline end (left of its label) ${JSON.stringify(a)}`).toBeLessThan(a.label.x)
    }
  })

  test('14. the banner causes no layout shift (CLS 0), desktop and mobile, English and Arabic', async () => {
    const results: string[] = []
    for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      for (const lang of LANGS) {
        const t = await ctx({ viewport })
        const page = await t.newPage()
        await page.goto(pageFor(lang))
        await btn(page, lang, 'Accept all').waitFor({ state: 'visible', timeout: 5000 })
        await page.evaluate(() => document.fonts.ready)
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 150)))))
        const { cls, shifts } = await page.evaluate(() => ({ cls: (window as any).__cls as number, shifts: (window as any).__shifts }))
        if (cls !== 0) results.push(`${lang} ${viewport.width}px: CLS ${cls} ${JSON.stringify(shifts)}`)
        await t.close()
      }
    }
    expect(results, results.join('\n')).toEqual([])
  })

  test('15. a German visitor on a site without German: the English banner, no locale request, no console error', async () => {
    const t = await ctx({ locale: 'de-DE' })
    const page = await t.newPage()
    await page.goto(suite.server.page('/t/ui-de', oneTagPage({ lang: 'de-DE', title: 'Testladen' })))
    await expectBanner(page)
    expect(await page.locator('#nanoconsent-root').getAttribute('lang')).toBe('en')
    expect(t.local('/locales/').map((l) => l.url), 'locale requests').toEqual([])
    expect(t.console.filter((l) => l.startsWith('[error]') || l.startsWith('[warning]'))).toEqual([])
    expectNoPageErrors(t)
  })
})
