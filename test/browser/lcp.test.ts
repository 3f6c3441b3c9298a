/**
 * The banner is not the page's largest contentful paint: on a page with a
 * normal first paragraph, on a phone (390×844) and on a desktop, the LCP
 * Chromium reports is the page's own paragraph. The banner fades in, and
 * Chromium counts no text first painted at opacity 0. (A visitor who asks for
 * reduced motion gets no fade: the banner can then be the LCP of a page
 * whose own text is smaller than it.)
 */
import { describe, expect, test } from 'vitest'
import { expectBanner, html, idle, useSuite } from './harness'

const suite = useSuite()
// The first paragraph of test/bench/site.mjs: three sentences, about 240 characters.
const PARAGRAPH =
  'Every piece is thrown on the wheel in our workshop, glazed by hand and fired twice. ' +
  'Small differences in colour and shape are part of what makes each one yours. ' +
  'We ship across Europe in recycled packaging and take returns for thirty days.'

describe('the banner is not the LCP element', () => {
  // `larger`: whether the banner's text block is larger than the paragraph (then only its fade keeps it from being the LCP).
  test.each([
    ['phone', { width: 390, height: 844 }, true],
    ['desktop', { width: 1280, height: 800 }, false]
  ])('%s: the page paragraph is the LCP, the banner is not', async (_, viewport, larger) => {
    const t = await suite.ctx({ viewport, motion: true })
    const p = await t.newPage()
    await p.addInitScript(() => {
      const w = window as any
      w.__lcp = []
      new PerformanceObserver((list) => w.__lcp.push(...list.getEntries())).observe({ type: 'largest-contentful-paint', buffered: true })
    })
    // The five categories listed: the banner's longest text.
    await p.goto(suite.server.page(`/lcp-${viewport.width}`, html({ body: `<p id="first">${PARAGRAPH}</p>` })))
    await expectBanner(p)
    await idle(600)
    const lcp = await p.evaluate(() => {
      const entries = (window as any).__lcp as LargestContentfulPaint[]
      const last = entries[entries.length - 1]!
      const banner = document.getElementById('nanoconsent-root')!.shadowRoot!.querySelector('.nc-text p')!.getBoundingClientRect()
      return { id: last.element?.id ?? null, size: last.size, bannerText: Math.round(banner.width * banner.height) }
    })
    expect(lcp.bannerText > lcp.size, `banner text ${lcp.bannerText} px² against ${lcp.size} px²`).toBe(larger)
    expect(lcp.id, `LCP ${lcp.size} px², banner text ${lcp.bannerText} px²`).toBe('first')
  })
})
