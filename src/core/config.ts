import { defaults } from './defaults.js'
import type { NanoconsentConfig, ResolvedConfig } from './types.js'

/**
 * Reads the config on every page view, without full validation: what the
 * loader needs is the category ids, the revision, the cookie name and the
 * expiry, and each is read so that no mistake can stop the loader or grant
 * anything. The rest is checked where it acts (vendors in the activate
 * chunk, choices and presentation in the change chunk), which names every
 * mistake for the owner.
 */
/**
 * Reads the config block: a `<script type="application/json"
 * id="nanoconsent-config">` placed before the loader (for `createConsent()`,
 * in `<head>`). Only there did the page's author put it: anything else with
 * that id (a `<div>` from user content, a block injected further down) could
 * point the chunks at another origin, so it is ignored with a warning.
 * Unparsable JSON comes back as an Error.
 */
export function readJsonBlock(doc: Document, loader: Element | null): unknown {
  let block: Element | undefined
  for (const el of doc.querySelectorAll('[id="nanoconsent-config"]')) {
    if (!block && el.matches('script[type="application/json"]') && (loader ? el.compareDocumentPosition(loader) & 4 : doc.head.contains(el))) block = el
    else console.warn('nanoconsent: ignored, not a JSON <script> before the loader:', el)
  }
  try {
    return block ? JSON.parse(block.textContent!) : {}
  } catch (e) {
    return Error(`not JSON (${e})`)
  }
}

/**
 * A copy of a config value made of plain objects and arrays, without the
 * keys `__proto__`, `constructor` and `prototype` (merged with assignment,
 * they would reach Object.prototype and make a vendor appear configured),
 * nor `toString` and `valueOf` (JSON can set them to a non-function, and
 * reading such an object as a number or string would throw).
 * Each one is an error naming its path.
 */
export function plain(value: unknown, path = ''): any {
  if (!value || typeof value != 'object' || value instanceof Error) return value
  const out: any = Array.isArray(value) ? [] : {}
  for (const key of Object.keys(value)) {
    const at = path ? `${path}.${key}` : key
    if (/^(__proto__|constructor|prototype|toString|valueOf)$/.test(key)) console.error(`nanoconsent: config "${at}" is not allowed`)
    else out[key] = plain((value as any)[key], at)
  }
  return out
}

/**
 * Reads the loader tag's `data-*` attributes into config keys: `data-ga4` and
 * `data-meta-pixel` are integration ids, a whole number is a number, and
 * every other attribute is the key of its name (`data-policy-url` is
 * `policyUrl`), so a typo on the tag is named by validation like one in the
 * JSON block.
 */
export function readTagConfig(tag: HTMLElement | null): NanoconsentConfig {
  const d = tag ? tag.dataset : {}
  const out: Record<string, any> = {}
  for (const key in d) {
    const value = d[key]!
    if (key == 'ga4' || key == 'metaPixel') (out.integrations ||= {})[key] = { id: value }
    else out[key] = /^\d+$/.test(value) ? +value : value
  }
  return out
}

/** A category id: lower case, and never a name the consent state or Object.prototype already has. */
export const CATEGORY_ID = /^(?!(constructor|decided)$)[a-z][a-z\d_-]{0,31}$/

/** The category each built-in integration needs (its manifest's `category`; a unit test keeps them equal). */
export const NEEDED_BY: Record<string, string> = { ga4: 'analytics', metaPixel: 'advertising', affiliate: 'affiliate' }

/**
 * The category ids a `categories` value gives, `necessary` first, each once.
 * A string is a comma-separated list (`data-categories="analytics,advertising"`).
 * Null when it is not a list: then nobody can tell what a choice answers,
 * so no choice may be stored.
 */
export function categoryIds(given: unknown): string[] | null {
  if (typeof given == 'string') given = given.split(/\s*,\s*/)
  if (!Array.isArray(given)) return null
  const ids = ['necessary']
  for (const c of given) {
    const id = typeof c == 'string' ? c : Object(c).id
    if (typeof id == 'string' && CATEGORY_ID.test(id) && !ids.includes(id)) ids.push(id)
  }
  return ids
}

/**
 * Merges the sources (highest precedence last) over the defaults. Values
 * the loader acts on are made safe here rather than refused: a revision is
 * its leading whole number ("2a" is 2), an expiry is clamped to 1–395 days (182 when not a number),
 * and an unusable cookie name is the default. Validation names them.
 *
 * The categories shown are the union of every source's list, merged by id,
 * so an owner can add one category's cookies in one source without
 * re-listing the others. When no source lists any, they are derived from
 * the integrations and the page's marked tags (create.ts).
 */
export function readConfig(sources: unknown[]): ResolvedConfig {
  const ints: Record<string, any> = {}
  const merged: Record<string, any> = { ...defaults, integrations: ints }
  const lists: unknown[] = []
  for (const source of sources) {
    const s = Object(source)
    for (const key in s.integrations) ints[key] = { ...ints[key], ...s.integrations[key] }
    if (s.categories !== undefined) lists.push(s.categories)
    Object.assign(merged, s, { integrations: ints })
  }
  merged.derived = !lists.length
  const each = lists.map(categoryIds)
  const ids = each.includes(null) ? null : categoryIds(each.flat())
  // Derived ones join in create.ts, which sees the page.
  merged.categories = (ids || ['necessary']).map((id) => ({ id, cookies: [] }))
  merged.unknowable = !ids
  const revision = parseInt(merged.revision)
  merged.revision = revision >= 0 ? Math.min(revision, 999999) : defaults.revision
  // Not a number (or 0): the default; otherwise into 1–395.
  merged.expiresAfterDays = Math.min(Math.max(+merged.expiresAfterDays || defaults.expiresAfterDays, 1), 395)
  if (!/^[\w-]{1,64}$/.test(merged.cookieName)) merged.cookieName = defaults.cookieName
  return merged as ResolvedConfig
}
