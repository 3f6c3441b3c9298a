/**
 * The visitor's view on a phone: how much of the screen the banner takes,
 * whether its buttons and the page's footer stay reachable whatever the
 * owner writes, and whether the preferences modal is readable (sticky
 * header, small footer, cookie tables without words broken apart).
 */
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { ARTIFACTS, expectNoPageErrors, oneTagPage, tr, useSuite } from './harness'

const suite = useSuite()
const AXE = createRequire(import.meta.url).resolve('axe-core')
beforeAll(() => mkdirSync(ARTIFACTS, { recursive: true }))

const PHONES = [
  { viewport: { width: 390, height: 844 }, max: 0.3 },
  { viewport: { width: 320, height: 568 }, max: 0.45 }
]
const LANGS = ['en', 'ar', 'fr'] as const
const L = (lang: string, en: string) => (lang === 'en' ? en : tr(lang, en))

/** A long page whose footer holds the links a visitor looks for while the banner shows. */
const FOOTER = '<footer><a href="/privacy">Privacy</a> · <a href="#" id="foot-settings" data-nanoconsent="open-preferences">Cookie settings</a></footer>'
const longPage = (lang: string, extra: Parameters<typeof oneTagPage>[0] = {}) =>
  oneTagPage({ lang, body: '<p>Content.</p>'.repeat(60), ...extra }).replace('<footer><p>Footer text.</p></footer>', FOOTER)

const WORDS = 'consent privacy visitor cookie measurement partner advertising analytics session security'.split(' ')
const ownerText = (n: number) => Array.from({ length: n }, (_, i) => WORDS[i % WORDS.length]).join(' ') + '.'

async function open(page: Page, url: string, lang: string) {
  await page.goto(url)
  const accept = page.locator('#nanoconsent-root').getByRole('button', { name: L(lang, 'Accept all'), exact: true })
  await accept.waitFor({ state: 'visible', timeout: 5000 })
  await page.evaluate(() => document.fonts.ready)
  // Two frames: the ResizeObserver has reported and the page padding is applied.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
}

/** The banner and its buttons, in viewport coordinates. */
function measureBanner(page: Page) {
  return page.evaluate(() => {
    const shadow = document.getElementById('nanoconsent-root')!.shadowRoot!
    const banner = shadow.querySelector<HTMLElement>('.nc-banner')!
    const text = shadow.querySelector<HTMLElement>('.nc-text')!
    const rect = (el: Element) => {
      const r = el.getBoundingClientRect()
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height }
    }
    const buttons = Object.fromEntries(
      ['accept-all', 'reject-all', 'customize'].map((a) => [a, rect(shadow.querySelector(`.nc-banner [data-action="${a}"]`)!)])
    )
    return {
      banner: rect(banner),
      buttons,
      textScrolls: text.scrollHeight > text.clientHeight,
      textFocusable: text.tabIndex === 0,
      viewport: { width: innerWidth, height: innerHeight },
      padding: document.documentElement.style.paddingBottom
    }
  })
}

type Banner = Awaited<ReturnType<typeof measureBanner>>

function expectButtonsInView(m: Banner, what: string) {
  for (const [action, b] of Object.entries(m.buttons)) {
    const inside = b.top >= 0 && b.left >= 0 && b.bottom <= m.viewport.height && b.right <= m.viewport.width && b.height >= 44
    expect(inside, `${what}: ${action} inside the viewport, 44 px high: ${JSON.stringify(b)}`).toBe(true)
    expect(b.top >= m.banner.top && b.bottom <= m.banner.bottom, `${what}: ${action} inside the banner`).toBe(true)
  }
  const [a, r] = [m.buttons['accept-all']!, m.buttons['reject-all']!]
  const same = Math.abs(r.width - a.width) < 0.5 && r.height === a.height
  expect(same, `${what}: Reject all the same size as Accept all: ${JSON.stringify([a, r])}`).toBe(true)
}

/** Scrolls to the end of the page; is the footer's last link clear of the banner and hit-testable? */
function footerReachable(page: Page) {
  return page.evaluate(async () => {
    scrollTo(0, document.scrollingElement!.scrollHeight)
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
    const link = document.getElementById('foot-settings')!
    const r = link.getBoundingClientRect()
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
    const banner = document.getElementById('nanoconsent-root')!.shadowRoot!.querySelector('.nc-banner')!.getBoundingClientRect()
    return { hit: hit === link, linkBottom: r.bottom, bannerTop: banner.top, scrollY }
  })
}

/**
 * Words broken across lines inside `root` (text of open shadow roots
 * included): a word whose characters' boxes lie on more than one line.
 * Runs in the page.
 */
function brokenWords(root: Element | ShadowRoot): string[] {
  const out: string[] = []
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    for (const m of node.data.matchAll(/\S+/g)) {
      const range = document.createRange()
      range.setStart(node, m.index!)
      range.setEnd(node, m.index! + m[0].length)
      const boxes = [...range.getClientRects()].filter((r) => r.width > 0)
      if (boxes.some((a) => boxes.some((b) => a.bottom <= b.top + 1))) out.push(m[0])
    }
  }
  return out
}

/** axe-core's violations on the page, shadow root included, as readable lines. */
async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => !!(window as any).axe))) await page.addScriptTag({ path: AXE })
  return page.evaluate(async () => {
    const r = await (window as any).axe.run(document, { resultTypes: ['violations'] })
    return r.violations.map((v: any) => `${v.id}: ${v.help} ${v.nodes.map((n: any) => JSON.stringify(n.target)).join(' ')}`)
  })
}

async function openModal(page: Page, lang: string) {
  await page.locator('#nanoconsent-root').getByRole('button', { name: L(lang, 'Customize'), exact: true }).click()
  const dialog = page.getByRole('dialog')
  await dialog.waitFor({ state: 'visible' })
  // Every cookie table open, as a visitor who reads them all would have it.
  await page.evaluate(() => {
    for (const d of document.getElementById('nanoconsent-root')!.shadowRoot!.querySelectorAll('details')) d.open = true
  })
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
  return dialog
}

/** The modal's parts, in viewport coordinates; `scroll` moves the body first. */
function measureModal(page: Page, scroll: 'top' | 'end' | 'tables') {
  return page.evaluate((scroll) => {
    const shadow = document.getElementById('nanoconsent-root')!.shadowRoot!
    const $ = (sel: string) => shadow.querySelector<HTMLElement>(sel)!
    const body = $('.nc-body')
    body.scrollTop = scroll === 'top' ? 0 : scroll === 'end' ? body.scrollHeight : $('[data-category="analytics"] table').offsetTop - 120
    const box = (el: Element) => {
      const r = el.getBoundingClientRect()
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height }
    }
    const close = box($('.nc-x'))
    const hit = shadow.elementFromPoint((close.left + close.right) / 2, (close.top + close.bottom) / 2)
    return {
      modal: box($('.nc-modal')),
      head: box($('.nc-head')),
      foot: box($('.nc-foot')),
      close,
      closeHit: !!hit && !!hit.closest('.nc-x'),
      bodyScrolls: body.scrollHeight > body.clientHeight,
      cellDisplay: getComputedStyle($('tbody td')).display,
      theadHeight: $('thead').getBoundingClientRect().height,
      labelShown: getComputedStyle($('.nc-l')).display !== 'none'
    }
  }, scroll)
}

describe('phones', () => {
  test('banner height share at 390×844 (≤ 30%) and 320×568 (≤ 45%) in en, ar and fr; buttons in view; the footer reachable', async () => {
    const report: string[] = []
    for (const { viewport, max } of PHONES) {
      for (const lang of LANGS) {
        const t = await suite.ctx({ viewport })
        const page = await t.newPage()
        await open(page, suite.server.page(`/t/phone-${lang}`, longPage(lang)), lang)
        const m = await measureBanner(page)
        await page.screenshot({ path: join(ARTIFACTS, `phone-banner-${lang}-${viewport.width}.png`) })
        const share = m.banner.height / viewport.height
        const what = `${lang} ${viewport.width}×${viewport.height}`
        report.push(`${what}: ${(share * 100).toFixed(1)}% (${m.banner.height}px), text ${m.textScrolls ? 'scrolls' : 'fits'}`)
        expect(share, `${what}: banner share`).toBeLessThanOrEqual(max)
        // On a common phone the default text is read whole, not scrolled.
        if (viewport.height === 844) expect(m.textScrolls, `${what}: the default text fits without scrolling`).toBe(false)
        expect(m.banner.bottom, `${what}: banner at the bottom`).toBe(viewport.height)
        expectButtonsInView(m, what)
        expect(m.padding, `${what}: the page reserves the banner's height`).toBe(`${Math.ceil(m.banner.height)}px`)
        const f = await footerReachable(page)
        expect(f.hit && f.linkBottom <= f.bannerTop, `${what}: footer link reachable ${JSON.stringify(f)}`).toBe(true)
        expectNoPageErrors(t)
        await t.close()
      }
    }
    console.log(`banner height share:\n  ${report.join('\n  ')}`)
  })

  test('a 600-word owner text scrolls inside the banner: the buttons stay in view and the footer stays reachable', async () => {
    const text = ownerText(600)
    expect(text.split(' ')).toHaveLength(600)
    for (const { viewport, max } of PHONES) {
      const t = await suite.ctx({ viewport })
      const page = await t.newPage()
      const url = suite.server.page(`/t/phone-long-${viewport.width}`, longPage('en', { config: { strings: { en: { 'banner.text': text } } } }))
      await open(page, url, 'en')
      const m = await measureBanner(page)
      const what = `600 words ${viewport.width}×${viewport.height}`
      expect(m.banner.height / viewport.height, what).toBeLessThanOrEqual(max)
      expectButtonsInView(m, what)
      expect(m.textScrolls, `${what}: the text scrolls inside the banner`).toBe(true)
      expect(m.textFocusable, `${what}: the scrolling text is keyboard focusable`).toBe(true)
      expect(await axe(page), `${what}: axe on the banner with scrolling text`).toEqual([])
      // The owner's text is all there, in the banner.
      const shown = await page.locator('#nanoconsent-root .nc-text p').first().textContent()
      expect(shown).toContain(text)
      const f = await footerReachable(page)
      expect(f.hit && f.linkBottom <= f.bannerTop, `${what}: footer link reachable ${JSON.stringify(f)}`).toBe(true)
      // The last words can be scrolled into view inside the banner.
      const end = await page.evaluate(() => {
        const el = document.getElementById('nanoconsent-root')!.shadowRoot!.querySelector<HTMLElement>('.nc-text')!
        el.scrollTop = el.scrollHeight
        return el.scrollTop + el.clientHeight >= el.scrollHeight - 1
      })
      expect(end, `${what}: text scrolled to its end`).toBe(true)
      expectNoPageErrors(t)
      await t.close()
    }
  })

  test('the page padding goes when the banner does (choice made), and the page keeps no trace', async () => {
    const t = await suite.ctx({ viewport: PHONES[0]!.viewport })
    const page = await t.newPage()
    await open(page, suite.server.page('/t/phone-release', longPage('en')), 'en')
    expect(await page.evaluate(() => document.documentElement.style.paddingBottom)).toMatch(/^\d+px$/)
    await page.locator('#nanoconsent-root').getByRole('button', { name: 'Reject all', exact: true }).click()
    await expect
      .poll(() => page.evaluate(() => [document.documentElement.style.paddingBottom, document.documentElement.style.scrollPaddingBottom]))
      .toEqual(['', ''])
    expectNoPageErrors(t)
  })
  test('the phone modal: Close stays in view, the footer takes ≤ 20%, cookie tables stack without breaking words (screenshots en, ar)', async () => {
    // The detector itself: a box too narrow for its words does report them.
    {
      const t = await suite.ctx({ viewport: PHONES[0]!.viewport })
      const page = await t.newPage()
      await page.setContent('<div id="narrow" style="width:30px;word-break:break-all">الاسم Provider</div>')
      const found = await page.evaluate(`(${brokenWords})(document.getElementById('narrow'))`)
      expect(found, 'the word-break detector finds forced breaks').toEqual(['الاسم', 'Provider'])
      await t.close()
    }
    const report: string[] = []
    for (const lang of LANGS) {
      const t = await suite.ctx({ viewport: PHONES[0]!.viewport })
      const page = await t.newPage()
      await open(page, suite.server.page(`/t/phone-modal-${lang}`, longPage(lang)), lang)
      await openModal(page, lang)
      const top = await measureModal(page, 'top')
      if (lang !== 'fr') await page.screenshot({ path: join(ARTIFACTS, `phone-modal-${lang}-top.png`) })
      expect(top.modal.top === 0 && top.modal.bottom === 844, `${lang}: the modal fills the phone's screen ${JSON.stringify(top.modal)}`).toBe(true)
      const footShare = top.foot.height / top.modal.height
      report.push(`${lang}: footer ${(footShare * 100).toFixed(1)}% of the modal (${top.foot.height}px)`)
      expect(footShare, `${lang}: footer share of the modal`).toBeLessThanOrEqual(0.2)
      expect(top.foot.bottom, `${lang}: footer at the bottom`).toBe(top.modal.bottom)
      expect(top.bodyScrolls, `${lang}: with every table open, the body scrolls`).toBe(true)
      expect([top.cellDisplay, top.theadHeight <= 1, top.labelShown], `${lang}: cells as label–value rows`).toEqual(['grid', true, true])
      const tables = await measureModal(page, 'tables')
      if (lang !== 'fr') await page.screenshot({ path: join(ARTIFACTS, `phone-modal-${lang}.png`) })
      const end = await measureModal(page, 'end')
      if (lang !== 'fr') await page.screenshot({ path: join(ARTIFACTS, `phone-modal-${lang}-end.png`) })
      for (const [where, m] of Object.entries({ tables, end })) {
        const visible = m.close.top >= m.modal.top && m.close.bottom <= m.head.bottom && m.closeHit
        expect(visible, `${lang}, body scrolled to ${where}: Close in view and clickable ${JSON.stringify(m)}`).toBe(true)
      }
      if (lang !== 'fr') expect(await axe(page), `${lang}: axe on the phone modal, tables stacked`).toEqual([])
      const broken = await page.evaluate(`(${brokenWords})(document.getElementById('nanoconsent-root').shadowRoot.querySelector('.nc-modal'))`)
      expect(broken, `${lang}: words broken across lines in the modal`).toEqual([])
      expectNoPageErrors(t)
      await t.close()
    }
    console.log(`modal footer share at 390×844:\n  ${report.join('\n  ')}`)
  })
})
