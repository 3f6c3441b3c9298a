import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readConfig } from '../../../src/core/config'
import { decodeChoice, encodeChoice, randomId, type StoredChoice } from '../../../src/core/cookie-codec'
import type { Method } from '../../../src/core/types'

const { config, fingerprint } = readConfig([{}])
const ids = config.categories.map((c) => c.id)
const NOW = Date.UTC(2026, 5, 1)
const EPOCH_MS = Date.UTC(2024, 0, 1)

const choice: StoredChoice = {
  id: 'abcdEFGH1234-_xy',
  time: Date.UTC(2026, 0, 15, 12, 0, 0),
  revision: 3,
  categories: { necessary: true, preferences: false, analytics: true, advertising: false, affiliate: true },
  method: 'custom'
}
const valid = encodeChoice(choice, ids, fingerprint)
const decode = (value: unknown) => decodeChoice(value, ids, fingerprint, NOW)

/** `valid` with field `i` (dot-separated) replaced. */
const withField = (i: number, to: string) => valid.split('.').map((f, j) => (j == i ? to : f)).join('.')
describe('cookie codec: a valid value', () => {
  it('decodes to exactly what was encoded', () => {
    expect(decode(valid)).toEqual(choice)
  })

  it('is well under 200 bytes even with 20 categories, all granted, at the highest revision', () => {
    const many = ['necessary', ...Array.from({ length: 19 }, (_, i) => `category-${i}`)]
    const all = Object.fromEntries(many.map((id) => [id, true]))
    const value = encodeChoice({ ...choice, categories: all, revision: 999999, time: NOW }, many, 'x'.repeat(500))
    expect(new TextEncoder().encode(`nanoconsent=${value}`).length).toBeLessThan(200)
    expect(decodeChoice(value, many, 'x'.repeat(500), NOW)!.categories).toEqual(all)
  })

  it('randomId gives 16 url-safe characters, different each time', () => {
    const a = randomId()
    expect(a).toMatch(/^[\w-]{16}$/)
    expect(new Set(Array.from({ length: 50 }, randomId)).size).toBe(50)
  })
})

describe('cookie codec: anything else is "no consent" and never throws', () => {
  const otherConfig = readConfig([{ integrations: { ga4: { id: 'G-ABC123' } } }])
  const fewerCategories = readConfig([{ categories: [{ id: 'necessary' }, { id: 'analytics' }] }])
  const mask = valid.split('.')[1]!
  const future = Math.floor((NOW + 3600_000) / 1000)
  const before2024 = Math.floor(Date.UTC(2023, 11, 31) / 1000)

  const malformed: [string, unknown][] = [
    ['empty string', ''],
    ['garbage', 'hello world'],
    ['only the version', '1'],
    ['truncated: last character removed', valid.slice(0, -1)],
    ['truncated: checksum removed', valid.slice(0, valid.lastIndexOf('.'))],
    ['truncated: half', valid.slice(0, valid.length / 2)],
    ['an extra field', `${valid}.x`],
    ['an extra field in the middle', withField(4, 'c.c')],
    ['leading whitespace', ` ${valid}`],
    ['trailing newline', `${valid}\n`],
    ['format version 2', withField(0, '2')],
    ['format version 0', withField(0, '0')],
    ['mask not base 36', withField(1, 'G!')],
    ['revision not base 36', withField(2, '-1')],
    ['time not base 36', withField(3, '1.5')],
    ['unknown method', withField(4, 'x')],
    ['id too short', withField(5, 'abc')],
    ['id with a forbidden character', withField(5, 'abcdEFGH1234+/xy')],
    ['upper-case mask', withField(1, mask.toUpperCase() + 'Z')],
    ['tampered checksum', withField(6, '0')],
    ['checksum from another body', withField(6, encodeChoice({ ...choice, revision: 4 }, ids, fingerprint).split('.')[6]!)],
    ['granted mask edited (analytics off → on) without a new checksum', withField(1, '1f')],
    ['revision edited without a new checksum', withField(2, '4')],
    ['method edited without a new checksum', withField(4, 'a')],
    [
      'mask beyond the category count, correctly signed',
      encodeChoice({ ...choice, categories: { ...choice.categories, sixth: true } }, [...ids, 'sixth'], fingerprint)
    ],
    [
      'a future time (beyond five minutes of clock skew), correctly signed',
      encodeChoice({ ...choice, time: future * 1000 }, ids, fingerprint)
    ],
    ['a time before 2024, correctly signed', encodeChoice({ ...choice, time: before2024 * 1000 }, ids, fingerprint)],
    ['valid for another config (integrations differ)', encodeChoice(choice, ids, otherConfig.fingerprint)],
    [
      'valid for another category list',
      encodeChoice({ ...choice, categories: { necessary: true, analytics: true } }, ['necessary', 'analytics'], fewerCategories.fingerprint)
    ],
    ['JSON', JSON.stringify(choice)],
    ['JSON of the categories', '{"necessary":true,"analytics":true}'],
    ['%-encoded junk', '%E0%A4%A'],
    ['%-encoded valid value', encodeURIComponent(valid).replace(/\./g, '%2E')],
    ['10 kB string', '1.'.repeat(5000)],
    ['10 kB of a valid value repeated', valid.repeat(Math.ceil(10240 / valid.length))],
    ['undefined', undefined],
    ['null', null],
    ['a number', 1],
    ['NaN', NaN],
    ['a boolean', true],
    ['an object', {}],
    ['an array holding the valid value', [valid]],
    ['an object whose toString is the valid value', { toString: () => valid }],
    ['a symbol', Symbol('nanoconsent')]
  ]

  it('has at least 30 cases', () => expect(malformed.length).toBeGreaterThanOrEqual(30))

  it.each(malformed)('%s', (_, value) => {
    expect(() => decode(value)).not.toThrow()
    expect(decode(value)).toBeNull()
  })

  it('changing any one character of a valid value makes it invalid', () => {
    const alphabet = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_.'
    for (let i = 0; i < valid.length; i++) {
      for (const c of alphabet) {
        if (c == valid[i]) continue
        const edited = valid.slice(0, i) + c + valid.slice(i + 1)
        expect(decode(edited), edited).toBeNull()
      }
    }
  })

  it('a choice made one minute "in the future" (clock skew) still holds', () => {
    const skewed = encodeChoice({ ...choice, time: NOW + 60_000 }, ids, fingerprint)
    expect(decode(skewed)).not.toBeNull()
  })
})

describe('cookie codec: properties', () => {
  const methods: Method[] = ['accept-all', 'reject-all', 'custom', 'gpc']
  const categoryIds = fc.uniqueArray(fc.stringMatching(/^[a-z][\w-]{0,31}$/), { maxLength: 19 }).map((rest) => ['necessary', ...rest.filter((id) => id != 'necessary')])
  const world = categoryIds.chain((catIds) =>
    fc.record({
      ids: fc.constant(catIds),
      granted: fc.tuple(...catIds.map(() => fc.boolean())),
      revision: fc.integer({ min: 0, max: 999999 }),
      time: fc.integer({ min: EPOCH_MS / 1000, max: Math.floor(Date.now() / 1000) }).map((s) => s * 1000),
      id: fc.stringMatching(/^[\w-]{16}$/),
      method: fc.constantFrom(...methods),
      fingerprint: fc.string()
    })
  )

  it('encode → decode gives back the same choice', () => {
    fc.assert(
      fc.property(world, (w) => {
        const categories = Object.fromEntries(w.ids.map((id, i) => [id, i == 0 || w.granted[i]!]))
        const c: StoredChoice = { id: w.id, time: w.time, revision: w.revision, categories, method: w.method }
        const value = encodeChoice(c, w.ids, w.fingerprint)
        expect(value.length).toBeLessThan(200)
        expect(decodeChoice(value, w.ids, w.fingerprint, Date.now())).toEqual(c)
      }),
      { numRuns: 500 }
    )
  })

  it('random strings, unicode included, never throw and never decode', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.stringMatching(/^1\.[a-z\d.]{0,40}$/))
    fc.assert(
      fc.property(text, (s) => {
        expect(decode(s)).toBeNull()
      }),
      { numRuns: 2000 }
    )
  })

  it('a valid value with random text spliced in never decodes', () => {
    fc.assert(
      fc.property(fc.nat(valid.length), fc.string({ minLength: 1, maxLength: 5 }), (at, junk) => {
        expect(decode(valid.slice(0, at) + junk + valid.slice(at))).toBeNull()
      }),
      { numRuns: 1000 }
    )
  })

  it('anything at all (any JS value) never throws', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        expect(decode(v)).toBeNull()
      }),
      { numRuns: 500 }
    )
  })
})
