import type { Resolved, Translate } from './locale.js'
import { entries } from './resources.js'

/** `{{name}}` and nothing else: no formats (`{{x, number}}`), no unescaped values (`{{- x}}`), no paths (`{{a.b}}`). */
const PLACEHOLDER = /{{(.+?)}}/g
const SIMPLE = /^\s*[\w$]+\s*$/

/**
 * The banner's words without i18next, exactly as i18next would give them
 * (a property test compares the two): a key looked up in the visitor's
 * language, then in English unless `fallbackLng: false`; a missing key is
 * `defaultValue`, else the key; `{{name}}` replaced by the option's text,
 * left as it is when the option is not given at all.
 *
 * Returns null when any string of the layers uses more than that: nesting
 * (`$t(`), a format, an unescaped or a dotted placeholder; or when a key of
 * one layer replaces a whole branch of another (`banner` over
 * `banner.title`). The banner then waits for i18next (engine.ts).
 */
export function quickTranslator({ lng, layers }: Resolved): Translate | null {
  const stores: Record<string, Map<string, string>> = {}
  for (const [lang, list] of Object.entries(layers)) {
    const store = (stores[lang] = new Map<string, string>())
    // Wrong entries are skipped here as in engine.ts, which reports them (once).
    for (const [tree] of list) {
      for (const [k, v] of entries(tree)) {
        if (v.includes('$t(') || [...v.matchAll(PLACEHOLDER)].some((m) => !SIMPLE.test(m[1]!))) return null
        for (const other of store.keys()) if (other.startsWith(k + '.') || k.startsWith(other + '.')) return null
        store.set(k, v)
      }
    }
  }
  return (key, options = {}) => {
    const langs = options.fallbackLng === false ? [lng] : [lng, 'en']
    let found: string | undefined
    for (const lang of langs) if ((found = stores[lang]?.get(key)) !== undefined) break
    if (found === undefined) {
      if (!('defaultValue' in options)) return key
      found = String(options.defaultValue)
    }
    return found.replace(PLACEHOLDER, (whole, name: string) => {
      const v = name.trim()
      if (!Object.prototype.hasOwnProperty.call(options, v)) return whole
      const value = options[v]
      return value == null ? '' : String(value)
    })
  }
}
