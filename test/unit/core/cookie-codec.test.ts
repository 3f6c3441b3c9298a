import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeChoice, encodeChoice, newest, randomId, type StoredChoice } from '../../../src/core/cookie-codec'
import { CATEGORY_ID, categoryIds } from '../../../src/core/config'
import { decodeLegacy } from '../../../src/core/cookie-v1'
import type { Method } from '../../../src/core/types'

/**
 * The consent cookie's value. Format 2 stores the revision and the answers
 * keyed by category id; nothing else of the config is bound into it. The
 * strings below are literal, written by hand from the format's description
 * in cookie-codec.ts: a change that breaks the cookies visitors already hold
 * fails here, whatever the encoder does.
 */

/** 2026-11-01T12:00:00Z: base 36 of the milliseconds is `mvxs2o00`. */
const TIME = Date.UTC(2026, 10, 1, 12)
const NOW = Date.UTC(2026, 10, 22)
const ID = 'Qm9va3NoZWxmMDAx'

/** [what, the choice, its cookie value] */
const pinned: [string, StoredChoice, string][] = [
  [
    'a custom choice over the default categories, revision 3',
    { id: ID, time: TIME, revision: 3, method: 'custom', categories: { necessary: true, preferences: false, analytics: true, advertising: false, affiliate: true } },
    '2.3.mvxs2o00.c.Qm9va3NoZWxmMDAx.-preferences|analytics|-advertising|affiliate'
  ],
  [
    'accept all',
    { id: ID, time: TIME, revision: 1, method: 'accept-all', categories: { necessary: true, preferences: true, analytics: true, advertising: true, affiliate: true } },
    '2.1.mvxs2o00.a.Qm9va3NoZWxmMDAx.preferences|analytics|advertising|affiliate'
  ],
  [
    'reject all',
    { id: ID, time: TIME, revision: 1, method: 'reject-all', categories: { necessary: true, preferences: false, analytics: false, advertising: false, affiliate: false } },
    '2.1.mvxs2o00.r.Qm9va3NoZWxmMDAx.-preferences|-analytics|-advertising|-affiliate'
  ],
  [
    'GPC, owner categories, revision 36 (base 36: 10)',
    { id: ID, time: TIME, revision: 36, method: 'gpc', categories: { necessary: true, analytics: true, advertising: false, support_chat: true } },
    '2.10.mvxs2o00.g.Qm9va3NoZWxmMDAx.analytics|-advertising|support_chat'
  ],
  ['contextual, a page with necessary alone', { id: ID, time: TIME, revision: 1, method: 'contextual', categories: { necessary: true } }, '2.1.mvxs2o00.x.Qm9va3NoZWxmMDAx.']
]

describe('cookie format 2: pinned values', () => {
  it.each(pinned)('encodes %s', (_, choice, value) => {
    expect(encodeChoice(choice)).toBe(value)
  })

  it.each(pinned)('decodes %s', (_, choice, value) => {
    expect(decodeChoice(value, NOW)).toEqual(choice)
  })

  it('re-encoding a decoded value gives the same string', () => {
    for (const [, , value] of pinned) expect(encodeChoice(decodeChoice(value, NOW)!)).toBe(value)
  })

  it('decodes a value with a single answer', () => {
    expect(decodeChoice('2.1.mvxs2o00.c.Qm9va3NoZWxmMDAx.-analytics', NOW)).toEqual({
      id: ID,
      time: TIME,
      revision: 1,
      method: 'custom',
      categories: { necessary: true, analytics: false }
    })
  })

  // Only the leading denial marker is stripped: `live-chat` must not come back as `livechat`.
  it('a granted category whose id has a dash comes back under its own id', () => {
    expect(decodeChoice('2.1.mvxs2o00.c.Qm9va3NoZWxmMDAx.live-chat|-analytics', NOW)!.categories).toEqual({ necessary: true, 'live-chat': true, analytics: false })
  })

  it('a denied category whose id has a dash comes back under its own id', () => {
    expect(decodeChoice('2.1.mvxs2o00.c.Qm9va3NoZWxmMDAx.-live-chat|analytics', NOW)!.categories).toEqual({ necessary: true, 'live-chat': false, analytics: true })
  })

  it('necessary is implied, and a stored "-necessary" cannot deny it', () => {
    expect(encodeChoice({ ...pinned[1]![1], categories: { necessary: false, analytics: true } })).toBe('2.1.mvxs2o00.a.Qm9va3NoZWxmMDAx.analytics')
    expect(decodeChoice('2.1.mvxs2o00.c.Qm9va3NoZWxmMDAx.-necessary|-analytics', NOW)!.categories.necessary).toBe(true)
  })

  // The loader asks `id in categories` for each page category: no id a page can have may be found on Object.prototype.
  it('decoded answers hold what was stored, and no category id a config accepts is answered by Object.prototype', () => {
    const { categories } = decodeChoice('2.1.mvxs2o00.c.Qm9va3NoZWxmMDAx.-analytics|advertising', NOW)!
    expect(Object.keys(categories).sort()).toEqual(['advertising', 'analytics', 'necessary'])
    const inherited: string[] = []
    for (let o: object | null = categories; o; o = Object.getPrototypeOf(o)) if (o != categories) inherited.push(...Object.getOwnPropertyNames(o))
    expect(inherited.filter((id) => CATEGORY_ID.test(id))).toEqual([])
    expect(categoryIds(inherited)).toEqual(['necessary'])
  })

  it('the id is kept as stored, and randomId gives 16 url-safe characters, different each time', () => {
    expect(randomId()).toMatch(/^[\w-]{16}$/)
    expect(new Set(Array.from({ length: 50 }, randomId)).size).toBe(50)
  })
})

describe('cookie format 2: time', () => {
  const at = (time: number) => encodeChoice({ ...pinned[0]![1], time })

  it('a choice made five minutes "in the future" (clock skew between devices) still holds; later is refused', () => {
    expect(decodeChoice(at(NOW + 60_000), NOW)).not.toBeNull()
    expect(decodeChoice(at(NOW + 300_000), NOW)).not.toBeNull()
    expect(decodeChoice(at(NOW + 300_001), NOW)).toBeNull()
  })

  it('a time before 2024 (before this format existed) is refused', () => {
    expect(decodeChoice(at(Date.UTC(2024, 0, 1)), NOW)).not.toBeNull()
    expect(decodeChoice(at(Date.UTC(2023, 11, 31, 23, 59)), NOW)).toBeNull()
  })
})

describe('cookie format 2: anything else is "no consent" and never throws', () => {
  const valid = pinned[0]![2]
  const withField = (i: number, to: string) => valid.split('.').map((f, j) => (j == i ? to : f)).join('.')

  const malformed: [string, unknown][] = [
    ['empty string', ''],
    ['garbage', 'hello world'],
    ['only the version', '2'],
    ['format version 1 (0.1 cookies are migrated elsewhere)', withField(0, '1')],
    ['format version 3', withField(0, '3')],
    ['no answers field', valid.slice(0, valid.lastIndexOf('.'))],
    ['an extra field', `${valid}.x`],
    ['leading whitespace', ` ${valid}`],
    ['trailing newline', `${valid}\n`],
    ['revision of five base-36 digits', withField(1, 'zzzzz')],
    ['revision negative', withField(1, '-1')],
    ['revision upper case', withField(1, 'A')],
    ['time of ten base-36 digits', withField(2, '1mvxs2o00')],
    ['time with a point', withField(2, 'mvxs.2o00')],
    ['unknown method', withField(3, 'z')],
    ['method upper case', withField(3, 'A')],
    ['id of 15 characters', withField(4, ID.slice(1))],
    ['id of 17 characters', withField(4, ID + 'x')],
    ['id with a forbidden character', withField(4, 'Qm9va3NoZWxm+/Ax')],
    ['an answer in upper case', withField(5, 'Analytics')],
    ['an answer starting with a digit', withField(5, '1st-party')],
    ['an answer of 33 characters', withField(5, 'a'.repeat(33))],
    ['a double minus', withField(5, '--analytics')],
    ['an empty answer between two', withField(5, 'analytics||advertising')],
    ['a trailing separator', withField(5, 'analytics|')],
    ['a leading separator', withField(5, '|analytics')],
    ['a lone minus', withField(5, '-')],
    ['answers separated by commas', withField(5, 'analytics,advertising')],
    ['33 answers', withField(5, Array.from({ length: 33 }, (_, i) => `c${i}`).join('|'))],
    ['JSON of the choice', JSON.stringify(pinned[0]![1])],
    ['%-encoded valid value', encodeURIComponent(valid).replace(/\./g, '%2E')],
    ['10 kB of a valid value repeated', valid.repeat(Math.ceil(10240 / valid.length))],
    ['undefined', undefined],
    ['null', null],
    ['a number', 2],
    ['a boolean', true],
    ['an object', {}],
    ['an array holding the valid value', [valid]],
    ['an object whose toString is the valid value', { toString: () => valid }],
    ['a symbol', Symbol('nanoconsent')]
  ]

  it.each(malformed)('%s', (_, value) => {
    expect(() => decodeChoice(value, NOW)).not.toThrow()
    expect(decodeChoice(value, NOW)).toBeNull()
  })

  it('32 answers, each of 32 characters, still decode, and fit a cookie with room to spare', () => {
    const ids = Array.from({ length: 32 }, (_, i) => `c${String(i).padStart(2, '0')}${'x'.repeat(29)}`)
    const value = encodeChoice({ ...pinned[0]![1], categories: Object.fromEntries(ids.map((id) => [id, false])) })
    expect(new TextEncoder().encode(`nanoconsent=${value}`).length).toBeLessThan(1200)
    expect(decodeChoice(value, NOW)).not.toBeNull()
  })
})

describe('newest(): the choice every tab and every read agrees on', () => {
  const choice = (time: number, id: string): StoredChoice => ({ id, time, revision: 1, method: 'custom', categories: { necessary: true } })
  const early = choice(TIME, 'BBBBBBBBBBBBBBBB')
  const late = choice(TIME + 1, 'AAAAAAAAAAAAAAAA')

  it('the later time wins, in either order; nothing loses to any choice', () => {
    expect(newest(early, late)).toBe(late)
    expect(newest(late, early)).toBe(late)
    expect(newest(null, early)).toBe(early)
    expect(newest(early, null)).toBe(early)
    expect(newest(null, null)).toBeNull()
  })

  it('in the same millisecond the larger id wins, in either order, so two tabs pick the same one', () => {
    const a = choice(TIME, 'AAAAAAAAAAAAAAAA')
    const b = choice(TIME, 'AAAAAAAAAAAAAAAB')
    expect(newest(a, b)).toBe(b)
    expect(newest(b, a)).toBe(b)
  })
})

describe('0.1 cookies (format 1), read once for migration', () => {
  // Written by 0.1.0 itself (commit 7462031); the check binds 0.1's fingerprint of the whole config.
  const defaults = [{}, {}]
  const shop = [
    { integrations: { affiliate: { pixels: ['https://aff.example/px.gif?click={click}'] } }, recordUrl: '/consent-log' },
    { policyUrl: '/privacy', locale: 'auto', revision: 2, integrations: { ga4: { id: 'G-TEST123' }, metaPixel: { id: '1234567890' } } }
  ]
  const five = (p: boolean, an: boolean, ad: boolean, af: boolean) => ({ necessary: true, preferences: p, analytics: an, advertising: ad, affiliate: af })

  it.each([
    ['accept all, default config', '1.f.1.tnto00.a.Qm9va3NoZWxmMDAx.1lw9ghn', defaults, 1, 'accept-all', five(true, true, true, true)],
    ['reject all, default config', '1.0.1.tnto00.r.Qm9va3NoZWxmMDAx.1fupwko', defaults, 1, 'reject-all', five(false, false, false, false)],
    ['custom, analytics only, revision 2, with integrations', '1.2.2.tnto00.c.Qm9va3NoZWxmMDAx.ol97a5', shop, 2, 'custom', five(false, true, false, false)],
    // Generated with 0.1.0's encodeChoice and readConfig (commit 7462031): two-digit mask and revision, GPC.
    [
      'under GPC, seven categories listed (a two-digit mask), revision 40',
      '1.1u.14.tnto00.g.Qm9va3NoZWxmMDAx.j0ft3j',
      [{ categories: ['preferences', 'analytics', 'advertising', 'affiliate', 'chat', 'video', 'maps'] }, {}],
      40,
      'gpc',
      { ...five(false, true, false, false), chat: false, video: false, maps: true }
    ]
  ] as [string, string, unknown[], number, Method, Record<string, boolean>][])('%s', (_, value, sources, revision, method, categories) => {
    expect(decodeLegacy(value, sources)).toEqual({ id: ID, time: TIME, revision, method, categories })
  })

  it('counts only under the config it was written under, as 0.1 did', () => {
    expect(decodeLegacy('1.2.2.tnto00.c.Qm9va3NoZWxmMDAx.ol97a5', defaults)).toBeNull()
    expect(decodeLegacy('1.f.1.tnto00.a.Qm9va3NoZWxmMDAx.1lw9ghn', [{ integrations: { ga4: { id: 'G-TEST123' } } }, {}])).toBeNull()
    expect(decodeLegacy('1.f.1.tnto00.a.Qm9va3NoZWxmMDAx.1lw9ghn', [Error('not JSON'), {}])).toBeNull()
  })

  it('presentation keys were outside 0.1’s fingerprint, and still are', () => {
    expect(decodeLegacy('1.f.1.tnto00.a.Qm9va3NoZWxmMDAx.1lw9ghn', [{ layout: 'box', policyUrl: '/p', strings: { en: { x: 'y' } } }, {}])).not.toBeNull()
  })

  it.each([
    ['a tampered check', '1.f.1.tnto00.a.Qm9va3NoZWxmMDAx.1lw9gho'],
    ['an edited mask', '1.e.1.tnto00.a.Qm9va3NoZWxmMDAx.1lw9ghn'],
    ['a format-2 value', pinned[1]![2]],
    ['garbage', '1.zz']
  ])('%s is null', (_, value) => {
    expect(decodeLegacy(value, defaults)).toBeNull()
  })
})

describe('cookie format 2: properties', () => {
  const methods: Method[] = ['accept-all', 'reject-all', 'custom', 'gpc', 'contextual']
  const choices = fc.record({
    answers: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z\d_-]{0,31}$/).filter((id) => id != 'necessary'), { maxLength: 31 }),
    granted: fc.array(fc.boolean(), { minLength: 31, maxLength: 31 }),
    revision: fc.integer({ min: 0, max: 999999 }),
    time: fc.integer({ min: Date.UTC(2024, 0, 1), max: NOW }),
    id: fc.stringMatching(/^[\w-]{16}$/),
    method: fc.constantFrom(...methods)
  })

  it('encode → decode gives back the same choice', () => {
    fc.assert(
      fc.property(choices, (c) => {
        const categories: Record<string, boolean> = { necessary: true }
        c.answers.forEach((id, i) => (categories[id] = c.granted[i]!))
        const choice: StoredChoice = { id: c.id, time: c.time, revision: c.revision, categories, method: c.method }
        expect(decodeChoice(encodeChoice(choice), NOW)).toEqual(choice)
      }),
      { numRuns: 500 }
    )
  })

  it('random text, unicode included, never throws and never decodes', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.stringMatching(/^2\.[a-z\d.|-]{0,40}$/))
    fc.assert(
      fc.property(text, (s) => {
        expect(decodeChoice(s, NOW)).toBeNull()
      }),
      { numRuns: 500 }
    )
  })

  it('anything at all (any JS value) never throws', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        expect(decodeChoice(v, NOW)).toBeNull()
      }),
      { numRuns: 500 }
    )
  })
})
