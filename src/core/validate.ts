import { defaults } from './defaults.js'
import { integrations } from './integrations/index.js'
import type { CategoryConfig, ResolvedConfig } from './types.js'

/**
 * Full config validation, in the change chunk. Every problem gets a
 * `console.error` naming the field, the value and what was expected; the
 * field is dropped and `ok` turns false. With `ok` false no choice is
 * stored: the visitor is asked on every page and the owner sees the error.
 *
 * The loader does not validate. It binds the fields that decide what runs
 * into the consent cookie's checksum (see fingerprint in config.ts), and a
 * cookie is written only under a config that passed here. So a valid cookie
 * proves its config was validated, and a changed config voids the cookie
 * and brings the visitor back here.
 *
 * A leaf rule is a regular expression matched against the value's JSON
 * text, so one pattern checks type and format at once: `^(true|false)$` is
 * a boolean, `^"G-…"$` a string of that shape. An object rule lists the
 * allowed keys; `[rule]` is a list. The error quotes the pattern.
 */

type Rule = RegExp | Schema | Rule[]
interface Schema {
  [key: string]: Rule
}
type Fail = (path: string, value: unknown, expected: string) => void

const bool = /^(true|false)$/
// http(s) or relative: no other scheme (javascript:, data:) gets through.
const url = /^"(https?:|[^":]*"$|[^":]*[/?#])/i
const token = /^"[\w-]{1,64}"$/
const text = /^"/

const schema: Schema = {
  revision: /^\d{1,6}$/,
  policyUrl: url,
  locale: /^"(auto|[a-z]{2,3}(-[a-z\d]{2,8})*)"$/i,
  cookieName: token,
  cookieDomain: /^"\.?[a-z\d-]+(\.[a-z\d-]+)*"$/i,
  expiresAfterDays: /^([1-9]\d?|[12]\d\d|3[0-8]\d|39[0-5])$/,
  categories: [{ id: /^"[a-z][\w-]{0,31}"$/, cookies: [{ name: /^"[\w*.-]{1,64}"$/, provider: text, purpose: text, lifetime: text }] }],
  integrations: {
    ga4: { id: /^"G-[A-Z\d]{4,16}"$/, mode: /^"(basic|advanced)"$/, adsDataRedaction: bool, urlPassthrough: bool },
    metaPixel: { id: /^"\d{5,20}"$/ },
    affiliate: { pixels: [url], clickParam: token, cookie: token, days: /^([1-9]|[12]\d|30)$/ }
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
  assetsUrl: url
}

/** Returns the valid part of `value`; calls `fail` for each invalid part. */
function check(value: any, rule: Rule, path: string, fail: Fail): any {
  const json = JSON.stringify(value)
  if (rule instanceof RegExp) return rule.test(json) ? value : fail(path, value, `JSON matching ${rule}`)
  if (Array.isArray(rule)) {
    return Array.isArray(value) ? value.map((v, i) => check(v, rule[0], `${path}[${i}]`, fail)).filter((v) => v != null) : fail(path, value, 'a list')
  }
  if (!/^\{/.test(json)) return fail(path, value, 'an object')
  const out: Record<string, unknown> = {}
  for (const key in value) {
    const at = path ? `${path}.${key}` : key
    if (!(key in rule)) fail(at, value[key], `one of the known keys: ${Object.keys(rule).join(', ')}`)
    else if ((out[key] = check(value[key], rule[key], at, fail)) == null) delete out[key]
  }
  return out
}

/**
 * Validates config sources (highest precedence last), merges them and fills
 * in defaults. `ok` is false when anything was wrong.
 */
export function validateConfig(sources: unknown[]): { config: ResolvedConfig; ok: boolean } {
  let ok = true
  const fail: Fail = (path, value, expected) => {
    ok = false
    console.error(`nanoconsent: config "${path}" is ${JSON.stringify(value)}; expected ${expected}`)
  }
  const merged: Record<string, any> = {}
  const ints: Record<string, any> = {}
  for (const source of sources) {
    const valid = source instanceof Error ? fail('#nanoconsent-config', source.message, 'valid JSON') : check(source, schema, '', fail)
    for (const key in valid && valid.integrations) ints[key] = { ...ints[key], ...valid.integrations[key] }
    Object.assign(merged, valid)
  }
  const config = { ...defaults, policyUrl: '', layout: 'bar', theme: 'auto', strings: {}, ...merged, integrations: ints } as ResolvedConfig

  // `necessary` comes first and always holds the consent cookie; ids are unique.
  const categories: Required<CategoryConfig>[] = [{ id: 'necessary', cookies: [{ name: config.cookieName }] }]
  for (const given of config.categories as (CategoryConfig | string)[]) {
    const c = typeof given == 'string' ? { id: given } : given
    const known = categories.find((o) => o.id == c.id)
    if (known && c.id != 'necessary') fail('categories', c.id, 'each id once')
    ;(known || categories[categories.push({ id: c.id, cookies: [] }) - 1]).cookies.push(...(c.cookies || []))
  }
  config.categories = categories
  for (const m of integrations) {
    const cfg = ints[m.key]
    if (!cfg) continue
    if (!categories.some((c) => c.id == m.category) || (m.required && !cfg[m.required])) {
      fail(`integrations.${m.key}`, cfg, `${m.required ? `a "${m.required}", and ` : ''}a category "${m.category}" in categories`)
      delete ints[m.key]
      continue
    }
    // The vendor's cookies join their categories, for the preferences table.
    const declared = m.cookies(cfg)
    for (const c of categories) for (const name of declared[c.id] || []) if (!c.cookies.some((d) => d.name == name)) c.cookies.push({ name })
  }
  return { config, ok }
}
