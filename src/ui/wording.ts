import type { CategoryConfig, CookieDecl, ResolvedConfig } from '../core/types.js'
import type { Translate } from './locale.js'

/**
 * Text assembled from the config, so that it describes the owner's site and
 * not a site with every vendor: the banner names the purposes of the
 * categories shown, and a category names the providers of its own cookies.
 * Fragments and sentences come from the locale (i18next interpolation), so
 * each language words them itself, lists included.
 */

const FIELDS = ['provider', 'purpose', 'lifetime'] as const

/** What a pattern lookup gives when the language has no such pattern (no real pattern is this). */
const NO_PATTERN = '\u0000'

/**
 * "a, b and c" in the visitor's language, joined with the locale's `list`
 * patterns: CLDR's, as `Intl.ListFormat` words them (a unit test keeps them
 * equal). Not Intl.ListFormat itself: the first one a page builds loads its
 * language data, 20–40 ms of main thread on the banner's path. A language
 * whose own resources have no patterns (an owner's) still gets Intl's.
 */
export function listOf(t: Translate, lng: string, items: string[]): string {
  // Only the visitor's language: English patterns must not join a German list.
  const join = (key: string, a: string, b: string) => t(`list.${key}`, { a, b, fallbackLng: false, defaultValue: NO_PATTERN })
  const own = ['pair', 'middle', 'end'].every((key) => join(key, '', '') != NO_PATTERN)
  if (!own) return new Intl.ListFormat(lng, { type: 'conjunction' }).format(items)
  const n = items.length
  if (n < 3) return n < 2 ? items.join('') : join('pair', items[0]!, items[1]!)
  let out = join('end', items[n - 2]!, items[n - 1]!)
  for (let i = n - 3; i >= 0; i--) out = join('middle', items[i]!, out)
  return out
}

/**
 * The categories to show, once per id: declarations of the same id (from
 * several config sources, or an owner's next to a vendor's) merge, their
 * cookies in order. The core merges by id too; this keeps the UI right
 * whatever it is handed.
 */
export function categoriesOf(config: ResolvedConfig): Required<CategoryConfig>[] {
  const byId = new Map<string, Required<CategoryConfig>>()
  for (const c of config.categories) {
    const seen = byId.get(c.id)
    if (seen) seen.cookies = [...seen.cookies, ...(c.cookies || [])]
    else byId.set(c.id, { id: c.id, cookies: c.cookies || [] })
  }
  return [...byId.values()]
}

/** The ids of the categories that ask for consent (all shown ones but `necessary`). */
const optional = (config: ResolvedConfig) => categoriesOf(config).filter((c) => c.id != 'necessary').map((c) => c.id)

/**
 * The banner's text: what the site uses cookies for, naming only the
 * categories shown. An owner's `banner.text` without `{{purposes}}` is used
 * as written. A category without a `banner.purposes.<id>` fragment is named
 * by its display name, so that nothing asked about goes unmentioned.
 */
export function bannerText(config: ResolvedConfig, t: Translate, lng: string): string {
  const ids = optional(config)
  if (!ids.length) return t('banner.textNecessary')
  const purposes = ids.map((id) => t(`banner.purposes.${id}`, { defaultValue: t(`categories.${id}.name`, { defaultValue: id }) }))
  return t('banner.text', { purposes: listOf(t, lng, purposes) })
}

/** The GPC notice, naming the categories it keeps off among those shown; '' when none is shown. */
export function gpcText(config: ResolvedConfig, t: Translate, lng: string): string {
  const off = optional(config).filter((id) => id == 'advertising' || id == 'affiliate')
  return off.length ? t('banner.gpc', { categories: listOf(t, lng, off.map((id) => t(`categories.${id}.name`, { defaultValue: id }))) }) : ''
}

/**
 * A category's cookie rows. The core may hand the same name twice (an
 * owner's declaration and a vendor's): they merge into one row, earlier
 * fields winning, and the locale words what the declarations leave out
 * (`cookies.<name>.*`, the consent cookie as `cookies.consent.*`).
 */
export function cookieRows(cat: Required<CategoryConfig>, config: ResolvedConfig, t: Translate): Required<CookieDecl>[] {
  const rows = new Map<string, CookieDecl>()
  for (const c of cat.cookies) {
    const row = rows.get(c.name) || rows.set(c.name, { name: c.name }).get(c.name)!
    for (const field of FIELDS) row[field] ||= c[field]
  }
  return [...rows.values()].map((c) => {
    const consent = c.name == config.cookieName
    const text = (field: string) => t(`cookies.${consent ? 'consent' : c.name}.${field}`, { defaultValue: '' })
    return {
      name: c.name,
      provider: c.provider || text('provider'),
      purpose: c.purpose || text('purpose'),
      lifetime: c.lifetime || (consent ? t('prefs.days', { count: config.expiresAfterDays }) : text('lifetime'))
    }
  })
}

/**
 * The providers of a category's cookies other than the site itself, for
 * the sentence under its purpose: the visitor reads the same names as in
 * the table, and no vendor the owner did not configure or declare.
 */
export function providersOf(rows: Required<CookieDecl>[], t: Translate): string[] {
  const self = t('cookies.consent.provider')
  return [...new Set(rows.map((r) => r.provider).filter((p) => p && p != self))]
}
