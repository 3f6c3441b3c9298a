// Bundled, so the banner shows even when no other locale can be loaded.
import en from '../../locales/en.json'
import type { LocaleResource, UiContext } from '../core/types.js'
import { SHIPPED } from '../core/shipped.js'
import { entries, fetchJson, readOwned, readShipped } from './resources.js'
import { textDirection } from './text-direction.js'

export { SHIPPED }
/** A BCP 47-ish tag: also keeps anything but letters, digits and `-` out of a URL. */
const TAG = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/

export type Translate = (key: string, options?: Record<string, unknown>) => string

export interface Locale {
  /** The active language tag, e.g. `ar`. */
  lng: string
  dir: 'ltr' | 'rtl'
  t: Translate
}

/**
 * Ordered language tags the visitor would read. `locale` is the configured
 * tag, or `auto` to use `<html lang>` then `navigator.languages`. Each tag is
 * followed by its language (`fr-CA` → `fr-ca`, `fr`). Ends in `en`.
 */
export function localeCandidates(locale: string, htmlLang: string, languages: readonly string[]): string[] {
  const wanted = locale && locale !== 'auto' ? [locale] : [htmlLang, ...languages]
  const out: string[] = []
  for (const raw of wanted) {
    const tag = String(raw || '').trim().toLowerCase().replace(/_/g, '-')
    if (TAG.test(tag)) out.push(tag, tag.split('-')[0]!)
  }
  out.push('en')
  return [...new Set(out)]
}

/** A config map keyed by language tag, with lower-case tags. */
const byTag = <T>(map: Record<string, T> | undefined): Record<string, T> =>
  Object.fromEntries(Object.entries(map || {}).map(([tag, v]) => [tag.toLowerCase(), v]))

/** A layer of strings: a resource, and the config key to name when one of its entries is wrong (`''`: not the owner's to fix). */
export type Layer = [LocaleResource, string]

/** The visitor's language and every layer of strings, lowest first, without i18next: see engine.ts and quick-t.ts. */
export interface Resolved {
  lng: string
  dir: 'ltr' | 'rtl'
  /** English's layers, then (when `lng` is not English) the language's. */
  layers: Record<string, Layer[]>
}

/**
 * Picks the visitor's language among those offered (shipped, or in the
 * owner's `resources` or `strings`) and loads only that one. Its layers,
 * later ones winning: the shipped resource, the owner's resource, the
 * owner's `strings`. An owner's resource with every key needs no shipped
 * one, so none is requested. English is bundled and fills any gap; a
 * language that cannot be loaded falls back to it.
 */
export async function resolveLocale(ctx: Pick<UiContext, 'config' | 'assetsUrl' | 'locale'>): Promise<Resolved> {
  const owned = byTag(ctx.config.resources)
  const strings = byTag(ctx.config.strings)
  const english = entries(en)
  const complete = (r: LocaleResource | null) => {
    const keys = new Set(r ? entries(r).map(([k]) => k) : [])
    return english.every(([k]) => keys.has(k))
  }
  const shipped = (tag: string) =>
    readShipped(() => (ctx.locale ? ctx.locale(tag) : fetchJson(`${ctx.assetsUrl}locales/${tag}.json`)))

  /** The owner's layers for `tag`, then (for a shipped language, unless the owner's is complete) the shipped one under them. */
  const layers = async (tag: string): Promise<Layer[]> => {
    const own = tag in owned ? await readOwned(owned[tag], `resources.${tag}`) : null
    const base = tag != 'en' && SHIPPED.includes(tag) && !complete(own) ? await shipped(tag) : null
    const out: Layer[] = []
    if (base) out.push([base, ''])
    if (own) out.push([own, `resources.${tag}`])
    if (strings[tag]) out.push([strings[tag], ''])
    return out
  }

  const nav = typeof navigator !== 'undefined' ? navigator.languages || [navigator.language] : []
  const offered = (tag: string) => SHIPPED.includes(tag) || tag in owned || tag in strings
  let lng = 'en'
  let mine: Layer[] = []
  for (const tag of localeCandidates(ctx.config.locale, document.documentElement.lang, nav).filter(offered)) {
    if (tag === 'en') break
    mine = await layers(tag)
    if (mine.length) {
      lng = tag
      break
    }
  }
  const all: Record<string, Layer[]> = { en: [[en, ''], ...(await layers('en'))] }
  if (lng != 'en') all[lng] = mine
  return { lng, dir: textDirection(lng), layers: all }
}

/** i18next over resolved layers; its chunk is imported once, when first needed. */
export const withEngine = (r: Resolved): Promise<Locale> => import('./engine.js').then((m) => ({ lng: r.lng, dir: r.dir, t: m.translator(r) }))
