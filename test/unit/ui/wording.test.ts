import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import type { LocaleResource, ResolvedConfig } from '../../../src/core/types'
import type { Translate } from '../../../src/ui/locale'
import { quickTranslator } from '../../../src/ui/quick-t'
import { bannerText, categoriesOf, cookieRows, gpcText, listOf, providersOf } from '../../../src/ui/wording'
import { config, localesDir } from './context'

/** A translator over the shipped locale file, with owner overrides on top. */
function translator(lng: string, strings: Record<string, string> = {}): Translate {
  const i18n = i18next.createInstance()
  const translation = JSON.parse(readFileSync(resolve(localesDir, `${lng}.json`), 'utf8'))
  i18n.init({ lng, resources: { [lng]: { translation } }, interpolation: { escapeValue: false }, initAsync: false })
  for (const [k, v] of Object.entries(strings)) i18n.addResource(lng, 'translation', k, v)
  return i18n.t.bind(i18n) as unknown as Translate
}

const only = (...ids: string[]): Partial<ResolvedConfig> => ({ categories: ['necessary', ...ids].map((id) => ({ id, cookies: [] })) })

describe('lists', () => {
  const items = ['A', 'B', 'C', 'D', 'E']
  it.each(['en', 'fr', 'ar'])('%s: the locale joins a list exactly as Intl.ListFormat does (CLDR)', (lng) => {
    const intl = new Intl.ListFormat(lng, { type: 'conjunction' })
    for (let n = 1; n <= items.length; n++) expect(listOf(translator(lng), lng, items.slice(0, n))).toBe(intl.format(items.slice(0, n)))
  })

  it("an owner's language without patterns is joined by Intl in that language, not with English words", () => {
    const i18n = i18next.createInstance()
    const en = JSON.parse(readFileSync(resolve(localesDir, 'en.json'), 'utf8'))
    i18n.init({ lng: 'de', fallbackLng: 'en', resources: { en: { translation: en }, de: { translation: { banner: { title: 'Cookies' } } } }, initAsync: false })
    expect(listOf(i18n.t.bind(i18n) as unknown as Translate, 'de', ['A', 'B', 'C'])).toBe('A, B und C')
  })

  // The banner's first paint is worded by the quick translator: the same German there.
  it("…and so through the banner's quick translator, and when the owner's language has only some of the patterns", () => {
    const en = JSON.parse(readFileSync(resolve(localesDir, 'en.json'), 'utf8'))
    const quick = (de: LocaleResource) => quickTranslator({ lng: 'de', dir: 'ltr', layers: { en: [[en, '']], de: [[de, '']] } })!
    expect(listOf(quick({ banner: { title: 'Cookies' } }), 'de', ['A', 'B', 'C'])).toBe('A, B und C')
    // One pattern of three is not a way of joining lists: Intl's, never a mix with no words at all.
    expect(listOf(quick({ list: { end: '{{a}} sowie {{b}}' } }), 'de', ['A', 'B', 'C'])).toBe('A, B und C')
    expect(listOf(quick({ list: { end: '{{a}} sowie {{b}}' } }), 'de', ['A', 'B'])).toBe('A und B')
  })

  it("an owner's override of a pattern is used, even one that is only its two values", () => {
    expect(listOf(translator('en', { 'list.end': '{{a}} & {{b}}' }), 'en', ['A', 'B', 'C'])).toBe('A, B & C')
    expect(listOf(translator('en', { 'list.end': '{{a}}{{b}}' }), 'en', ['A', 'B', 'C'])).toBe('A, BC')
  })
})

describe('banner text', () => {
  it('names the purposes of the categories shown, and partners only with affiliate', () => {
    const en = translator('en')
    expect(bannerText(config(only('analytics')), en, 'en')).toBe(
      'We use cookies to run this site and, with your consent, to measure our audience. You can change your mind at any time.'
    )
    expect(bannerText(config(only('analytics', 'advertising')), en, 'en')).toContain('measure our audience and show you relevant ads.')
    expect(bannerText(config(only('analytics', 'advertising')), en, 'en')).not.toMatch(/partner/)
    expect(bannerText(config(only('preferences', 'analytics', 'advertising', 'affiliate')), en, 'en')).toContain(
      'remember your choices, measure our audience, show you relevant ads, and pay the partner who referred you.'
    )
  })

  it('joins the purposes the way each language does', () => {
    const ids = only('analytics', 'affiliate')
    expect(bannerText(config(ids), translator('fr'), 'fr')).toContain(
      'pour mesurer l’audience et rémunérer le partenaire qui vous a orienté vers nous.'
    )
    expect(bannerText(config(ids), translator('ar'), 'ar')).toContain('بعد موافقتك لقياس عدد الزوار ولمكافأة الشريك الذي أحالك إلينا.')
  })

  it('has a sentence for a site with necessary cookies only', () => {
    expect(bannerText(config(only()), translator('en'), 'en')).toBe('We only use the cookies this site needs to work.')
  })

  it('names an owner category without a purpose fragment by its name, and keeps an owner text as written', () => {
    const t = translator('en', { 'categories.chat.name': 'live chat' })
    expect(bannerText(config(only('chat')), t, 'en')).toContain('with your consent, to live chat.')
    // Nor any name in the locale: its id, never a key.
    expect(bannerText(config(only('newsletter')), translator('en'), 'en')).toContain('with your consent, to newsletter.')
    const own = translator('en', { 'banner.text': 'Our own words.' })
    expect(bannerText(config(only('analytics')), own, 'en')).toBe('Our own words.')
  })

  it('the GPC notice names the categories it keeps off among those shown, or is empty', () => {
    const en = translator('en')
    expect(gpcText(config(only('analytics', 'advertising')), en, 'en')).toBe(
      'Your browser sent a Global Privacy Control signal, which we honour by keeping these categories off: Advertising.'
    )
    expect(gpcText(config(only('analytics', 'affiliate')), en, 'en')).toBe(
      'Your browser sent a Global Privacy Control signal, which we honour by keeping these categories off: Affiliate partners.'
    )
    expect(gpcText(config(only('analytics')), en, 'en')).toBe('')
  })
})

describe('categories shown', () => {
  it('a category declared without cookies has none, whichever declaration comes first', () => {
    const shown = categoriesOf(config({ categories: [{ id: 'ads' }, { id: 'stats', cookies: [{ name: '_s' }] }, { id: 'stats' }, { id: 'ads' }] as never }))
    expect(shown).toEqual([
      { id: 'ads', cookies: [] },
      { id: 'stats', cookies: [{ name: '_s' }] }
    ])
  })

  it('once per id, in first-seen order, with the cookies of every declaration of that id', () => {
    const shown = categoriesOf(
      config({
        categories: [
          { id: 'necessary', cookies: [{ name: 'nanoconsent' }] },
          { id: 'analytics', cookies: [{ name: '_ga' }] },
          { id: 'advertising', cookies: [] },
          { id: 'analytics', cookies: [{ name: '_hjid', provider: 'Hotjar' }] }
        ]
      })
    )
    expect(shown).toEqual([
      { id: 'necessary', cookies: [{ name: 'nanoconsent' }] },
      { id: 'analytics', cookies: [{ name: '_ga' }, { name: '_hjid', provider: 'Hotjar' }] },
      { id: 'advertising', cookies: [] }
    ])
  })
})

describe('cookie rows', () => {
  const en = translator('en')
  it('merges declarations of the same name, the earlier fields winning, the locale filling the rest', () => {
    const cat = {
      id: 'analytics',
      cookies: [{ name: '_ga', purpose: 'Our own purpose' }, { name: '_gid' }, { name: '_ga', provider: 'Someone else', lifetime: '1 day' }]
    }
    expect(cookieRows(cat, config(), en)).toEqual([
      { name: '_ga', provider: 'Someone else', purpose: 'Our own purpose', lifetime: '1 day' },
      { name: '_gid', provider: 'Google Analytics', purpose: 'Tells visitors apart', lifetime: '24 hours' }
    ])
  })

  it('a cookie the locale does not know, declared by its name alone, has empty fields, never a key', () => {
    expect(cookieRows({ id: 'analytics', cookies: [{ name: '_own_id' }] }, config(), en)).toEqual([{ name: '_own_id', provider: '', purpose: '', lifetime: '' }])
  })

  it('words the consent cookie by its configured name and lifetime', () => {
    const rows = cookieRows({ id: 'necessary', cookies: [{ name: 'my_consent' }] }, config({ cookieName: 'my_consent', expiresAfterDays: 90 }), en)
    expect(rows).toEqual([{ name: 'my_consent', provider: 'This site', purpose: 'Remembers your cookie choices', lifetime: '90 days' }])
  })

  it('the providers named under a category are those of its rows, without the site itself', () => {
    const rows = cookieRows(
      { id: 'advertising', cookies: [{ name: '_gcl_*' }, { name: '_fbp' }, { name: '_fbc' }, { name: 'own', provider: 'This site' }] },
      config(),
      en
    )
    expect(providersOf(rows, en)).toEqual(['Google Ads', 'Meta'])
    expect(providersOf([], en)).toEqual([])
  })
})
