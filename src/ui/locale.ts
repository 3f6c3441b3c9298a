import i18next from 'i18next'
// Bundled, so the banner shows even when no locale file can be fetched.
import en from '../../locales/en.json'
import type { UiContext } from '../core/types.js'

/** Languages shipped in `locales/`; for these a region tag (`ar-MA`) goes straight to its language. */
const SHIPPED = ['en', 'ar', 'fr']
/** A BCP 47-ish tag: also keeps anything but letters, digits and `-` out of the fetch URL. */
const TAG = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/
/** At most this many locale files are requested before falling back to the bundled English. */
const MAX_FETCHES = 3
/** A locale fetch slower than this falls back to English: the visitor must always be asked. */
const FETCH_TIMEOUT_MS = 4000

export type Translate = (key: string, options?: Record<string, unknown>) => string

export interface Locale {
  /** The active language tag, e.g. `ar`. */
  lng: string
  dir: 'ltr' | 'rtl'
  t: Translate
}

/**
 * Ordered language tags to try. `locale` is the configured tag, or `auto` to
 * use `<html lang>` then `navigator.languages`. A region tag is followed by its
 * language (`fr-CA` → `fr-CA`, `fr`; for a shipped language just `fr`). Ends in `en`.
 */
export function localeCandidates(locale: string, htmlLang: string, languages: readonly string[]): string[] {
  const wanted = locale && locale !== 'auto' ? [locale] : [htmlLang, ...languages]
  const out: string[] = []
  for (const raw of wanted) {
    const tag = String(raw || '').trim().toLowerCase().replace(/_/g, '-')
    if (!TAG.test(tag)) continue
    const base = tag.split('-')[0]!
    if (tag !== base && !SHIPPED.includes(base)) out.push(tag)
    out.push(base)
  }
  out.push('en')
  return [...new Set(out)]
}

async function fetchLocale(url: string): Promise<Record<string, unknown> | null> {
  try {
    const res = await Promise.race([
      fetch(url),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), FETCH_TIMEOUT_MS))
    ])
    if (!res.ok) return null
    const data: unknown = await res.json()
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/**
 * Picks the visitor's language, fetches only that locale file (English is
 * bundled, so a failed fetch still yields a banner) and applies the owner's
 * `config.strings` overrides (dotted keys reach nested entries).
 */
export async function loadLocale(ctx: UiContext): Promise<Locale> {
  const strings = ctx.config.strings || {}
  const nav = typeof navigator !== 'undefined' ? navigator.languages || [navigator.language] : []
  let lng = 'en'
  let res: Record<string, unknown> = {}
  let fetches = 0
  for (const tag of localeCandidates(ctx.config.locale, document.documentElement.lang, nav)) {
    if (tag === 'en') break
    if (fetches++ >= MAX_FETCHES) break
    const data = await fetchLocale(`${ctx.assetsUrl}locales/${tag}.json`)
    // Owners may also add a language through `strings` alone.
    if (data || strings[tag]) {
      lng = tag
      res = data || {}
      break
    }
  }
  const i18n = i18next.createInstance()
  await i18n.init({
    lng,
    fallbackLng: 'en',
    // i18next writes overrides into the objects it is given: never hand it the shared bundle.
    resources: { [lng]: { translation: res }, en: { translation: JSON.parse(JSON.stringify(en)) } },
    // Rendered as JSX text, never as HTML, so nothing needs escaping.
    interpolation: { escapeValue: false },
    initAsync: false
  })
  for (const [lang, map] of Object.entries(strings)) {
    for (const [key, value] of Object.entries(map || {})) {
      if (typeof value === 'string') i18n.addResource(lang.toLowerCase(), 'translation', key, value)
    }
  }
  return { lng, dir: i18n.dir(lng) === 'rtl' ? 'rtl' : 'ltr', t: i18n.t.bind(i18n) as unknown as Translate }
}
