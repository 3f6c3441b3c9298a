/**
 * The config checker under validation and each vendor's start: what passes,
 * what is kept, and what the owner is told. Its messages are the owner's only
 * way to find a mistake, so each one is pinned.
 */
import { describe, expect, it, vi } from 'vitest'
import { bool, check, clamp, token, url } from '../../../src/core/check'

const run = (value: unknown, rule: Parameters<typeof check>[1]) => {
  const report = vi.fn()
  return { kept: check(value, rule, 'key', report), said: report.mock.calls }
}

describe('clamp: a whole number in range', () => {
  it.each([['ten'], [2.5], [null], [[3]]])('%j is not a whole number: invalid, nothing kept', (value) => {
    expect(run(value, clamp(1, 30))).toEqual({ kept: undefined, said: [['invalid', 'key', value, 'a whole number from 1 to 30']] })
  })

  it('out of range: clamped, and the message names the value used', () => {
    expect(run(90, clamp(1, 30))).toEqual({ kept: 30, said: [['clamped', 'key', 90, 'at most 30 and at least 1; 30 is used']] })
    expect(run(10, clamp(1, 30))).toEqual({ kept: 10, said: [] })
  })
})

describe('lists and objects', () => {
  it('a list keeps its valid entries and names each invalid one by index', () => {
    expect(run(['a', 7, 'b'], [token])).toEqual({ kept: ['a', 'b'], said: [['invalid', 'key[1]', 7, `JSON matching ${token}`]] })
  })

  it('a list is expected where a list is the rule', () => {
    expect(run('a', [token])).toEqual({ kept: undefined, said: [['invalid', 'key', 'a', 'a list']] })
  })

  it('an object is expected where keys are the rule: a list of objects is not one', () => {
    expect(run([{ on: true }], { on: bool })).toEqual({ kept: undefined, said: [['invalid', 'key', [{ on: true }], 'an object']] })
    expect(run({ on: true }, { on: bool })).toEqual({ kept: { on: true }, said: [] })
  })
})

describe('leaf rules', () => {
  it('url: http(s), or relative, even with a colon in its query; no other scheme', () => {
    for (const ok of ['https://example.com/p', 'http://example.com/p', '/privacy', 'privacy.html', 'legal/privacy?at=12:00', '#cookies'])
      expect(run(ok, url), ok).toEqual({ kept: ok, said: [] })
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'mailto:dpo@example.com']) expect(run(bad, url).kept, bad).toBeUndefined()
  })

  it('token: a name of letters, digits, _ and -, up to 64', () => {
    for (const ok of ['my_consent', 'a', 'x'.repeat(64), 'consent-2']) expect(run(ok, token).kept, ok).toBe(ok)
    for (const bad of ['my consent', 'a;b', 'x'.repeat(65), '']) expect(run(bad, token).kept, bad).toBeUndefined()
  })

  it('bool: true or false, not their text', () => {
    expect(run(true, bool).kept).toBe(true)
    expect(run('true', bool).kept).toBeUndefined()
  })
})
