import { bool, check, clamp, token, url, type Report, type Schema } from './check.js'
import { readConfig } from './config.js'
import { nearest } from './did-you-mean.js'
import { defaults } from './defaults.js'
import { integrations } from './integrations/index.js'
import type { CategoryConfig, ResolvedConfig } from './types.js'

/**
 * Config validation, in the change chunk: it names every mistake for the
 * owner and fills in what the UI shows. It decides nothing about what runs:
 * the loader reads the values it acts on safely (config.ts), vendors check
 * their own settings before they start (activate.ts), and the gate checks
 * each tag. So a mistake here is a warning, and the field falls back to its
 * default, never a reason to throw away a visitor's choice. Only a
 * `categories` that is not a list, which leaves nobody able to tell what a
 * choice answers, makes `ok` false; then no choice is stored.
 */

const schema: Schema = {
  revision: clamp(0, 999999),
  policyUrl: url,
  locale: /^"(auto|[a-z]{2,3}(-[a-z\d]{2,8})*)"$/i,
  cookieName: token,
  cookieDomain: /^"\.?[a-z\d-]+(\.[a-z\d-]+)*"$/i,
  // The loader reads 0 or a non-number as unset (182 days), anything else into 1–395.
  expiresAfterDays: (value, path, report) =>
    value === 0 ? report('invalid', path, value, `a whole number of days from 1 to 395; the default ${defaults.expiresAfterDays} is used`) : clamp(1, 395)(value, path, report),
  // Lower case, and never a name the consent state or Object.prototype already has.
  categories: [{ id: /^"(?!(constructor|decided)")[a-z][a-z\d_-]{0,31}"$/, cookies: [{ name: /^"[\w*.-]{1,64}"$/, provider: /^"/, purpose: /^"/, lifetime: /^"/ }] }],
  // Each vendor checks its own settings where it starts (activate.ts); here only their names.
  integrations: Object.fromEntries(integrations.map((m) => [m.key, /^\{/])),
  consentMode: {
    // Any whole number of milliseconds; anything else is not pushed (the default 500 is).
    waitForUpdate: /^\d{1,7}$/,
    regions: [
      {
        region: [/^"[A-Z]{2}(-[A-Z\d]{1,3})?"$/],
        ...Object.fromEntries(['ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage', 'functionality_storage', 'personalization_storage', 'security_storage'].map((t) => [t, /^"(granted|denied)"$/]))
      }
    ],
    adsDataRedaction: bool,
    urlPassthrough: bool
  },
  respectGpc: bool,
  reloadOnRevoke: bool,
  recordUrl: url,
  revisitButton: bool,
  layout: /^"(bar|box)"$/,
  theme: /^"(auto|light|dark)"$/,
  // An object; the UI checks each language's value where it loads it (functions and modules have no JSON).
  resources: /^\{/,
  strings: /^\{("[\w-]+":\{("([^"\\]|\\.)*":"([^"\\]|\\.)*",?)*\},?)*\}$/,
  assetsUrl: url,
  debug: bool
}

/** Accepts a category given by id alone (`"analytics"`) as well as `{ id, cookies }`. */
const asCategory = (c: unknown) => (typeof c == 'string' ? { id: c } : c)

/**
 * Validates config sources (highest precedence last), merges them and fills
 * in defaults, warning about each mistake. `ok` is false only when the
 * category set cannot be known.
 */
export function validateConfig(sources: unknown[], ids?: string[]): { config: ResolvedConfig; ok: boolean } {
  const report: Report = (kind, path, value, expected) => {
    const near = kind == 'unknown' && nearest(path.slice(path.lastIndexOf('.') + 1), expected.split(', '))
    const wanted = kind != 'unknown' ? expected : near ? `did you mean "${near}"?` : `one of the known keys: ${expected}`
    console.warn(`nanoconsent: config "${path}" is ${JSON.stringify(value)}; ${kind == 'clamped' ? '' : 'ignored, '}expected ${wanted}`)
  }
  const merged: Record<string, any> = {}
  /** Every source's category declarations: lists merge by id, so one source may add cookies to a category another lists. */
  const declared: CategoryConfig[] = []
  for (const source of sources) {
    if (source instanceof Error) {
      console.error(`nanoconsent: config "#nanoconsent-config" is not valid JSON (${source.message}); the page uses the tag's attributes and the defaults`)
      continue
    }
    const s = Object(source)
    // `data-categories="analytics,advertising"` on the tag is a list too.
    const list = typeof s.categories == 'string' ? s.categories.split(',').map((id: string) => id.trim()) : s.categories
    const valid = check(Array.isArray(list) ? { ...s, categories: list.map(asCategory) } : s, schema, '', report) || {}
    const ids = (valid.categories || []).map((c: CategoryConfig) => c.id)
    for (const id of new Set<string>(ids)) if (id != 'necessary' && ids.indexOf(id) != ids.lastIndexOf(id)) report('invalid', 'categories', id, 'each id once in a list; their cookies are merged')
    declared.push(...(valid.categories || []))
    Object.assign(merged, valid)
  }
  // What the loader acts on is its own reading of the sources, so both agree.
  const read = readConfig(sources)
  const config = { ...defaults, policyUrl: '', layout: 'bar', theme: 'auto', strings: {}, ...merged, ...pick(read) } as ResolvedConfig

  // `necessary` first, holding the consent cookie; the page's categories (the loader's, which derives
  // some from marked tags), each given its cookies from every source that declares them.
  const categories: Required<CategoryConfig>[] = (ids || read.categories.map((c) => c.id)).map((id) => ({ id, cookies: id == 'necessary' ? [{ name: read.cookieName }] : [] }))
  for (const given of declared) {
    const into = categories.find((c) => c.id == given.id)
    if (into) into.cookies.push(...(given.cookies || []))
  }
  for (const m of integrations) {
    const cfg = read.integrations[m.key]
    if (!cfg) continue
    // The vendor's cookies join their categories, for the preferences table.
    const declared = m.cookies(Object(cfg))
    for (const c of categories) for (const name of declared[c.id] || []) if (!c.cookies.some((d) => d.name == name)) c.cookies.push({ name })
  }
  config.categories = categories
  if (read.unknowable) console.error('nanoconsent: config "categories" is not a list of categories. No choice can be stored until it is fixed.')
  return { config, ok: !read.unknowable }
}

/** The fields the loader reads itself (config.ts): validation reports them, the loader's values stand. */
const pick = (read: ResolvedConfig) => ({
  revision: read.revision,
  cookieName: read.cookieName,
  expiresAfterDays: read.expiresAfterDays,
  respectGpc: read.respectGpc,
  integrations: read.integrations,
  unknowable: read.unknowable
})
