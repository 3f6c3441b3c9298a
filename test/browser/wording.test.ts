/**
 * The wording describes the owner's site: a GA4-only site names Google
 * Analytics and no other vendor, and says nothing of partners.
 */
import { describe, expect, test } from 'vitest'
import { api, expectNoPageErrors, expectNoTrackers, html, idle, tr, useSuite, waitKinds } from './harness'

const suite = useSuite()
const L = (lang: string, en: string) => (lang === 'en' ? en : tr(lang, en))

/** Words that would name a vendor or a category this site does not use. */
const ABSENT: Record<string, RegExp> = {
  en: /Meta|Google Ads|Facebook|partner|affiliate|advertis|\bads?\b/i,
  fr: /Meta|Google Ads|Facebook|partenaire|affiliation|publicit/i,
  ar: /Meta|Google Ads|Facebook|شريك|شركاؤنا|الشريك|العمولة|إعلان/
}

describe('wording from the config', () => {
  test('a GA4-only site: banner and modal name Google Analytics only, and no partners, in en, fr and ar', async () => {
    for (const lang of ['en', 'fr', 'ar']) {
      const t = await suite.ctx()
      const page = await t.newPage()
      // No categories listed: the page derives them from what it configures.
      const config = { integrations: { ga4: { id: 'G-TEST123' } } }
      await page.goto(suite.server.page(`/t/ga4-only-${lang}`, html({ lang, config, derive: true, loader: { 'data-policy-url': '/privacy' } })))
      const root = page.locator('#nanoconsent-root')
      await root.getByRole('button', { name: L(lang, 'Accept all'), exact: true }).waitFor({ state: 'visible', timeout: 5000 })
      const bannerText = await root.getByRole('region').innerText()
      expect(bannerText, `${lang} banner`).not.toMatch(ABSENT[lang]!)
      expect(bannerText, `${lang} banner names the one purpose asked for`).toContain(
        { en: 'measure our audience', fr: 'mesurer l’audience', ar: 'لقياس عدد الزوار' }[lang]!
      )

      await root.getByRole('button', { name: L(lang, 'Customize'), exact: true }).click()
      const dialog = page.getByRole('dialog')
      await dialog.waitFor({ state: 'visible' })
      const categories = await dialog.evaluate((d) => [...d.querySelectorAll('[data-category]')].map((c) => c.getAttribute('data-category')))
      expect(categories, `${lang}: categories shown`).toEqual(['necessary', 'analytics'])
      await dialog.evaluate((d) => d.querySelectorAll('details').forEach((x) => (x.open = true)))
      const modalText = await dialog.innerText()
      expect(modalText, `${lang} modal`).not.toMatch(ABSENT[lang]!)
      const analytics = await dialog.locator('[data-category="analytics"] > p').innerText()
      expect(analytics, `${lang}: the analytics text names its vendor`).toContain('Google Analytics')
      // The site's own cookie is not a vendor.
      expect(await dialog.locator('[data-category="necessary"] > p').innerText()).not.toContain(L(lang, 'This site'))
      expectNoPageErrors(t)
      await t.close()
    }
  })

  test('with GA4 and the Meta pixel, advertising names the providers of its own cookies', async () => {
    const t = await suite.ctx()
    const page = await t.newPage()
    const config = { integrations: { ga4: { id: 'G-TEST123' }, metaPixel: { id: '1234567890' } }, categories: [{ id: 'analytics' }, { id: 'advertising' }] }
    await page.goto(suite.server.page('/t/ga4-meta', html({ config })))
    const root = page.locator('#nanoconsent-root')
    const banner = await root.getByRole('region').innerText()
    expect(banner).toContain('measure our audience and show you relevant ads.')
    expect(banner).not.toMatch(/partner/i)
    await root.getByRole('button', { name: 'Customize', exact: true }).click()
    const dialog = page.getByRole('dialog')
    await dialog.waitFor({ state: 'visible' })
    expect(await dialog.locator('[data-category="advertising"] > p').innerText()).toBe(
      'Used for remarketing and personalised ads. Services used: Google Ads and Meta.'
    )
    expectNoPageErrors(t)
  })

  test('derived categories: a marked tag adds its category; the next page that needs one never answered asks for it and runs nothing until answered', async () => {
    const t = await suite.ctx()
    const page = await t.newPage()
    const ga4 = { integrations: { ga4: { id: 'G-TEST123' } } }
    await page.goto(suite.server.page('/t/derived-1', html({ config: ga4, derive: true })))
    const root = page.locator('#nanoconsent-root')
    await root.getByRole('button', { name: 'Accept all', exact: true }).click()
    await waitKinds(t, ['gtag', 'ga-collect'])
    expect(await api.get(page)).toEqual({ decided: true, necessary: true, analytics: true })

    // Another page of the site embeds a video marked for advertising and a partner pixel.
    const mark = t.log.length
    const body = '<iframe data-category="advertising" data-src="https://www.facebook.com/plugins/video.php?href=v" width="320" height="180"></iframe><img data-category="affiliate" data-src="https://aff.example/p.gif" alt="">'
    await page.goto(suite.server.page('/t/derived-2', html({ config: ga4, derive: true, body })))
    await root.getByRole('button', { name: 'Accept all', exact: true }).waitFor({ state: 'visible', timeout: 5000 })
    const banner = await root.getByRole('region').innerText()
    expect(banner).toMatch(/partner/i)
    expect(await api.get(page)).toEqual({ decided: false, necessary: true, analytics: false, advertising: false, affiliate: false })
    await idle(500)
    expectNoTrackers(t, mark, 'before the added categories are answered')
    await root.getByRole('button', { name: 'Customize', exact: true }).click()
    const dialog = page.getByRole('dialog')
    await dialog.waitFor({ state: 'visible' })
    expect(await dialog.evaluate((d) => [...d.querySelectorAll('[data-category]')].map((c) => c.getAttribute('data-category')))).toEqual(['necessary', 'analytics', 'advertising', 'affiliate'])
    // The earlier answer is pre-filled.
    expect(await dialog.locator('[data-category="analytics"] input[role="switch"]').isChecked()).toBe(true)
    expect(await dialog.locator('[data-category="advertising"] input[role="switch"]').isChecked()).toBe(false)
    expectNoPageErrors(t)
  })
})
