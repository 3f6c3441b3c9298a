import type { Method } from './types.js'

/**
 * The consent cookie's value, format 2: what the visitor answered, keyed by
 * category id, under a policy revision. Dot-separated fields:
 *
 *   2 . revision . time . method . id . answers
 *
 * - revision: base-36 policy revision;
 * - time: base-36 milliseconds since the epoch, when the choice was made
 *   (milliseconds, so two tabs choosing in the same second still order);
 * - method: a (accept-all), r (reject-all), c (custom), g (gpc), x (contextual);
 * - id: 16 url-safe random characters;
 * - answers: the categories asked about, `|`-separated, a denied one
 *   prefixed with `-`: `analytics|-advertising`. `necessary` is implied.
 *
 * Nothing else of the config is bound into it: a choice answers the
 * categories it was asked about, whatever vendors, ids, texts or key order
 * a page has. Anything that does not parse is "no consent".
 */

export interface StoredChoice {
  id: string
  /** Milliseconds since the epoch. */
  time: number
  revision: number
  /** The categories the visitor was asked about and their answers; `necessary` is always true. */
  categories: Record<string, boolean>
  method: Method
}

const METHODS: Record<string, Method> = { a: 'accept-all', r: 'reject-all', c: 'custom', g: 'gpc', x: 'contextual' }
const FORMAT = /^2\.([a-z\d]{1,4})\.([a-z\d]{1,9})\.([arcgx])\.([\w-]{16})\.(-?[a-z][a-z\d_-]{0,31}(\|-?[a-z][a-z\d_-]{0,31}){0,31})?$/
// Nobody chose before this format existed (2024-01-01); anything earlier is forged or broken.
const EPOCH = 1704067200000

/** A crypto-random consent id: 16 url-safe characters (96 bits). */
export function randomId(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(12))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
}

export function encodeChoice(choice: StoredChoice): string {
  const answers = Object.keys(choice.categories)
    .filter((id) => id != 'necessary')
    .map((id) => (choice.categories[id] ? id : '-' + id))
  const method = Object.keys(METHODS).find((k) => METHODS[k] == choice.method)
  return `2.${choice.revision.toString(36)}.${choice.time.toString(36)}.${method}.${choice.id}.${answers.join('|')}`
}

/**
 * Strict decoding: anything but a value this format describes, at a
 * plausible time no later than `now`, is null. Never throws.
 */
export function decodeChoice(value: unknown, now: number): StoredChoice | null {
  // Only a string: a Symbol would throw, and an array or object could pass as its text.
  const m = typeof value == 'string' && FORMAT.exec(value)
  const time = m ? parseInt(m[2], 36) : 0
  // Five minutes of clock skew between devices is tolerated.
  if (!m || time < EPOCH || time > now + 3e5) return null
  // Page category ids are lower case and never `constructor` (config.ts CATEGORY_ID), so no
  // lookup of one can reach Object.prototype.
  const categories: Record<string, boolean> = {}
  for (const answer of m[5] ? m[5].split('|') : []) categories[answer.replace(/^-/, '')] = answer[0] != '-'
  categories.necessary = true
  return { id: m[4], time, revision: parseInt(m[1], 36), categories, method: METHODS[m[3]] }
}

/** The newest of several choices (the later time; the larger id breaks a tie, the same in every tab). */
export function newest<T extends StoredChoice | null>(a: T, b: T): T {
  return !a || (b && (b.time > a.time || (b.time == a.time && b.id > a.id))) ? b : a
}
