import type { LocaleResource } from '../core/types.js'

/**
 * Reading translations: a shipped language from wherever the entry keeps it,
 * and the owner's `resources`, which may be an object, a module, a function
 * that imports one, or a URL. Everything here resolves, never rejects: a
 * language that cannot be had is null, and the banner falls back to English.
 */

/** A locale slower than this is given up: the visitor must always be asked. */
const TIMEOUT_MS = 4000

/** http(s) or relative: no other scheme (javascript:, data:) is fetched. */
const URL_PATTERN = /^(https?:|[^:]*$|[^:]*[/?#])/i

type Tree = Record<string, unknown>

const isTree = (v: unknown): v is Tree => !!v && typeof v == 'object' && !Array.isArray(v)

/** `p`, or null once TIMEOUT_MS has passed. */
function inTime<T>(p: Promise<T>): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), TIMEOUT_MS)))
  return Promise.race([p, late]).finally(() => clearTimeout(timer))
}

/** A resource, or the default export of a module holding one. */
const unwrap = (v: unknown): unknown => (isTree(v) && isTree(v.default) ? v.default : v)

/** GETs a JSON object; null on any failure. */
export async function fetchJson(url: string): Promise<Tree | null> {
  try {
    const res = await inTime(fetch(url))
    const data: unknown = res && res.ok ? await res.json() : null
    return isTree(data) ? data : null
  } catch {
    return null
  }
}

/** A shipped language as the entry loads it (`load`), or null: the fallback is English, silently. */
export async function readShipped(load: () => Promise<unknown>): Promise<LocaleResource | null> {
  try {
    const data = unwrap(await inTime(load()))
    return isTree(data) ? (data as LocaleResource) : null
  } catch {
    return null
  }
}

/**
 * One language of the owner's `resources`. A wrong value, or a loader that
 * fails, is the owner's to fix: it is reported naming the key, and the
 * language is skipped.
 */
export async function readOwned(source: unknown, key: string): Promise<LocaleResource | null> {
  let got: unknown = source
  let given = JSON.stringify(source)
  try {
    if (typeof source == 'function') {
      got = await inTime(Promise.resolve().then(source as () => unknown))
      given = `a function that gave ${got === null ? 'nothing in time' : String(got)}`
    } else if (typeof source == 'string' && URL_PATTERN.test(source)) {
      got = await fetchJson(source)
      given += ', which gave no JSON object'
    }
  } catch (e) {
    got = null
    given = `a function that failed: ${e}`
  }
  const value = unwrap(got)
  if (isTree(value)) return value as LocaleResource
  console.error(`nanoconsent: config "${key}" is ${given}; expected a resource, its module, a function importing it, or a URL`)
  return null
}

/**
 * The entries of a resource as `[dotted key, text]`: nested objects and
 * dotted keys are the same thing. A value that is neither text nor an
 * object is reported as `key.path` when `key` is given (the owner's
 * `resources`), and skipped.
 */
export function entries(tree: Tree, key = '', prefix = ''): [string, string][] {
  const out: [string, string][] = []
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v == 'string') out.push([prefix + k, v])
    else if (isTree(v)) out.push(...entries(v, key, `${prefix}${k}.`))
    else if (key) console.error(`nanoconsent: config "${key}.${prefix}${k}" is ${JSON.stringify(v)}; expected text`)
  }
  return out
}
