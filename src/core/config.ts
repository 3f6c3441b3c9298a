import { defaults } from './defaults.js'
import type { NanoconsentConfig, ResolvedConfig } from './types.js'

/**
 * Reads the config on every page view, without validating it: validation
 * (validate.ts) runs in the change chunk, whenever the visitor is asked.
 * What keeps this safe is the fingerprint: every field but the presentation
 * ones below is bound into the consent cookie's checksum, and a cookie is
 * only written under a config that passed validation. So a valid cookie
 * proves its config validated; any other config (an error, a typo'd key, a
 * new vendor) voids it, the visitor is asked, and the change chunk reports
 * the error. An unvalidated config can void a stored choice, never grant one.
 *
 * Presentation fields cannot grant anything, and re-asking every visitor
 * because the owner changed a colour scheme would punish visitors for it:
 * the UI chunk's validation reports them when the UI shows. `revision` is
 * compared on its own, so that an older choice is recognised as such and
 * the banner can say the policy changed.
 */
const UNBOUND = ['revision', 'policyUrl', 'locale', 'layout', 'theme', 'strings', 'resources', 'revisitButton', 'recordUrl', 'assetsUrl']

/**
 * Reads the `<script type="application/json" id="nanoconsent-config">` block,
 * if any. Unparsable JSON comes back as an Error.
 */
export function readJsonBlock(doc: Document): unknown {
  const block = doc.getElementById('nanoconsent-config')
  try {
    return block ? JSON.parse(block.textContent!) : {}
  } catch (e) {
    return Error(`not JSON (${e})`)
  }
}

/** Reads the loader tag's `data-*` attributes into config keys. */
export function readTagConfig(tag: HTMLElement | null): NanoconsentConfig {
  const d = tag ? tag.dataset : {}
  const out: Record<string, any> = {}
  for (const key of ['policyUrl', 'locale', 'cookieDomain', 'revision']) if (d[key] != null) out[key] = d[key]
  // A number only when it looks like one, so a bad value is named as given.
  if (/^\d+$/.test(out.revision)) out.revision = +out.revision
  for (const key of ['ga4', 'metaPixel']) if (d[key] != null) (out.integrations ||= {})[key] = { id: d[key] }
  return out
}

/**
 * Merges the sources (highest precedence last) over the defaults, and
 * returns the fingerprint. A source that failed to parse makes it
 * unmatchable, so no stored choice holds and the visitor is asked, which
 * brings the validation and its error message.
 */
export function readConfig(sources: unknown[]): { config: ResolvedConfig; fingerprint: string } {
  const merged: Record<string, any> = { ...defaults }
  const ints: Record<string, any> = {}
  for (const source of sources) {
    const s = Object(source)
    for (const key in s.integrations) ints[key] = { ...ints[key], ...s.integrations[key] }
    Object.assign(merged, s, { integrations: ints })
  }
  const ids = ['necessary']
  for (const c of [].concat(merged.categories)) if (!ids.includes(Object(c).id || c)) ids.push(Object(c).id || c)
  merged.categories = ids.map((id) => ({ id, cookies: [] }))
  return {
    config: merged as ResolvedConfig,
    fingerprint: sources.some((s) => s instanceof Error) ? `${Math.random()}` : JSON.stringify(merged, (key, value) => (UNBOUND.includes(key) ? undefined : value))
  }
}
