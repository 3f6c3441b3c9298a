import type { Method } from './types.js'

/**
 * The consent cookie's value: a compact, versioned encoding, well under 200
 * bytes. Fields, dot-separated:
 *
 *   1 . mask . revision . time . method . id . check
 *
 * - `1`: format version;
 * - mask: base-36 bitmask of the granted categories, in config order, skipping `necessary`;
 * - revision: base-36 policy revision;
 * - time: base-36 seconds since the epoch, when the choice was made;
 * - method: a (accept-all), r (reject-all), c (custom) or g (gpc);
 * - id: 16 url-safe random characters;
 * - check: base-36 FNV-1a of the text before it and of the config's
 *   fingerprint (config.ts): the categories, integrations and other fields
 *   that decide what runs. An edited value, or one written under another
 *   config, decodes as "no consent". It guards against corruption, casual
 *   edits and config changes, not against a forger: nothing on the client can.
 */

export interface StoredChoice {
  id: string
  /** Milliseconds since the epoch, whole seconds. */
  time: number
  revision: number
  /** Every configured category, `necessary` included. */
  categories: Record<string, boolean>
  method: Method
}

const METHODS: Record<string, Method> = { a: 'accept-all', r: 'reject-all', c: 'custom', g: 'gpc' }
const FORMAT = /^1\.([a-z\d]{1,7})\.([a-z\d]{1,4})\.([a-z\d]{1,7})\.([arcg])\.([\w-]{16})\.[a-z\d]{1,7}$/
// Nobody chose before this format existed (2024-01-01); anything earlier is forged or broken.
const EPOCH = 1704067200

const fnv1a = (text: string) => {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619)
  return (hash >>> 0).toString(36)
}
const sign = (body: string, fingerprint: string) => `${body}.${fnv1a(body + '|' + fingerprint)}`

/** A crypto-random consent id: 16 url-safe characters (96 bits). */
export function randomId(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(12))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
}

export function encodeChoice(choice: StoredChoice, ids: string[], fingerprint: string): string {
  const mask = ids.slice(1).reduce((m, id, bit) => (choice.categories[id] ? m | (1 << bit) : m), 0)
  const method = Object.keys(METHODS).find((k) => METHODS[k] == choice.method)
  return sign(`1.${mask.toString(36)}.${choice.revision.toString(36)}.${(choice.time / 1000).toString(36)}.${method}.${choice.id}`, fingerprint)
}

/**
 * Strict decoding: anything but a value this code wrote under this config,
 * at a plausible time no later than `now`, is null. Never throws. `ids`
 * starts with `necessary`, as the config's categories do.
 */
export function decodeChoice(value: unknown, ids: string[], fingerprint: string, now: number): StoredChoice | null {
  // Only a string: a Symbol would throw, and an array or object could pass as its text.
  const m = typeof value == 'string' && FORMAT.exec(value)
  if (!m || sign(m[0].slice(0, m[0].lastIndexOf('.')), fingerprint) != value) return null
  const [mask, revision, seconds] = [m[1], m[2], m[3]].map((x) => parseInt(x, 36))
  // Five minutes of clock skew between devices is tolerated.
  if (mask >> (ids.length - 1) || seconds < EPOCH || seconds * 1000 > now + 3e5) return null
  return {
    id: m[5],
    time: seconds * 1000,
    revision,
    categories: Object.fromEntries(ids.map((id, i) => [id, !i || !!(mask & (1 << (i - 1)))])),
    method: METHODS[m[4]]
  }
}
