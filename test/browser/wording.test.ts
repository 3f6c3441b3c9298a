/**
 * The wording describes the owner's site: a GA4-only site names Google
 * Analytics and no other vendor, and says nothing of partners.
 */
import { describe, expect, test } from 'vitest'
import { expectNoPageErrors, html, tr, useSuite } from './harness'

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
      const config = { integrations: { ga4: { id: 'G-TEST123' } }, categories: [{ id: 'analytics' }] }
      await page.goto(suite.server.page(`/t/ga4-only-${lang}`, html({ lang, config, loader: { 'data-policy-url': '/privacy' } })))
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
})
