import type { StoredChoice } from './cookie-codec.js'
import type { Method } from './types.js'

/**
 * Reading 0.1's consent cookie, once, so that it can be stored again in
 * today's format (cookie-codec.ts) and no visitor is asked twice by the
 * upgrade. 0.1 wrote `1.mask.revision.seconds.method.id.check`, the mask in
 * config order and the check binding a fingerprint of the whole config. The
 * fingerprint is recomputed here exactly as 0.1 did, from the same sources,
 * so a 0.1 cookie counts only under the config it was written under.
 * Frozen: do not change it to follow today's config code.
 */

const UNBOUND = ['revision', 'policyUrl', 'locale', 'layout', 'theme', 'strings', 'revisitButton', 'recordUrl', 'assetsUrl']
const DEFAULTS = { revision: 1, locale: 'auto', cookieName: 'nanoconsent', expiresAfterDays: 182, respectGpc: true, reloadOnRevoke: true, categories: ['necessary', 'preferences', 'analytics', 'advertising', 'affiliate'] }
const METHODS: Record<string, Method> = { a: 'accept-all', r: 'reject-all', c: 'custom', g: 'gpc' }
const FORMAT = /^1\.([a-z\d]{1,7})\.([a-z\d]{1,4})\.([a-z\d]{1,7})\.([arcg])\.([\w-]{16})\.[a-z\d]{1,7}$/

const fnv1a = (text: string) => {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619)
  return (hash >>> 0).toString(36)
}

/** 0.1's config reading: the category ids in order, and the fingerprint. */
function legacyConfig(sources: unknown[]): { ids: string[]; fingerprint: string } {
  const merged: Record<string, any> = { ...DEFAULTS }
  const ints: Record<string, any> = {}
  for (const source of sources) {
    const s = Object(source)
    for (const key in s.integrations) ints[key] = { ...ints[key], ...s.integrations[key] }
    Object.assign(merged, s, { integrations: ints })
  }
  const ids = ['necessary']
  for (const c of [].concat(merged.categories)) if (!ids.includes(Object(c).id || c)) ids.push(Object(c).id || c)
  merged.categories = ids.map((id) => ({ id, cookies: [] }))
  return { ids, fingerprint: sources.some((s) => s instanceof Error) ? `${Math.random()}` : JSON.stringify(merged, (key, value) => (UNBOUND.includes(key) ? undefined : value)) }
}

/** A 0.1 cookie as today's choice, or null when it does not check out under these sources. */
export function decodeLegacy(value: string, sources: unknown[]): StoredChoice | null {
  const m = FORMAT.exec(value)
  if (!m) return null
  const { ids, fingerprint } = legacyConfig(sources)
  const body = m[0].slice(0, m[0].lastIndexOf('.'))
  if (`${body}.${fnv1a(body + '|' + fingerprint)}` != value) return null
  const mask = parseInt(m[1], 36)
  if (mask >> (ids.length - 1)) return null
  const categories: Record<string, boolean> = Object.create(null)
  ids.forEach((id, i) => (categories[id] = !i || !!(mask & (1 << (i - 1)))))
  return { id: m[5], time: parseInt(m[3], 36) * 1000, revision: parseInt(m[2], 36), categories, method: METHODS[m[4]] }
}
