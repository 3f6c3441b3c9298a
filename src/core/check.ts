/**
 * The config checker shared by validation (change chunk) and the vendors'
 * checks at start (activate chunk). A leaf rule is a regular expression
 * matched against the value's JSON text, so one pattern checks type and
 * format at once: `^(true|false)$` is a boolean, `^"G-…"$` a string of that
 * shape. A function rule returns the value to use (a clamped number). An
 * object rule lists the allowed keys; `[rule]` is a list.
 */
export type Rule = RegExp | Schema | Rule[] | ((value: unknown, path: string, report: Report) => unknown)
export interface Schema {
  [key: string]: Rule
}
/** `unknown`: a key no rule knows (a typo; `expected` lists the known keys); `invalid`: a value its rule refuses; `clamped`: a number brought into range. */
export type Report = (kind: 'unknown' | 'invalid' | 'clamped', path: string, value: unknown, expected: string) => void

/** A whole number, clamped into [min, max] with a report; anything else is invalid. */
export const clamp =
  (min: number, max: number) =>
  (value: unknown, path: string, report: Report): unknown => {
    if (typeof value != 'number' || value % 1) return report('invalid', path, value, `a whole number from ${min} to ${max}`)
    const kept = Math.min(Math.max(value, min), max)
    if (kept != value) report('clamped', path, value, `at most ${max} and at least ${min}; ${kept} is used`)
    return kept
  }

/** Returns the valid part of `value` (undefined when none); reports each invalid or unknown part. */
export function check(value: any, rule: Rule, path: string, report: Report): any {
  if (typeof rule == 'function') return rule(value, path, report)
  const json = JSON.stringify(value)
  if (rule instanceof RegExp) return rule.test(json) ? value : report('invalid', path, value, `JSON matching ${rule}`)
  if (Array.isArray(rule)) {
    return Array.isArray(value) ? value.map((v, i) => check(v, rule[0]!, `${path}[${i}]`, report)).filter((v) => v != null) : report('invalid', path, value, 'a list')
  }
  if (!/^\{/.test(json)) return report('invalid', path, value, 'an object')
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    const at = path ? `${path}.${key}` : key
    if (!Object.hasOwn(rule, key)) report('unknown', at, value[key], Object.keys(rule).join(', '))
    else if ((out[key] = check(value[key], rule[key]!, at, report)) == null) delete out[key]
  }
  return out
}

export const bool = /^(true|false)$/
/** http(s) or relative: no other scheme (javascript:, data:) gets through. */
export const url = /^"(https?:|[^":]*"$|[^":]*[/?#])/i
export const token = /^"[\w-]{1,64}"$/
