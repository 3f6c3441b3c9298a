/**
 * The banner is worded without i18next (quick-t.ts) and then with it
 * (engine.ts): the visitor must see the same words both times, in every
 * shipped language, with any owner overrides. A property test compares the
 * two translators on every call the banner makes; the quick one may only
 * decline (null), for the syntax it leaves to i18next.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import fc from 'fast-check'
import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import type { LocaleResource } from '../../../src/core/types'
import { translator } from '../../../src/ui/engine'
import type { Layer, Resolved } from '../../../src/ui/locale'
import { quickTranslator } from '../../../src/ui/quick-t'
import { textDirection } from '../../../src/ui/text-direction'
import { localesDir } from './context'

const file = (lang: string): LocaleResource => JSON.parse(readFileSync(resolve(localesDir, `${lang}.json`), 'utf8'))
const IDS = ['necessary', 'preferences', 'analytics', 'advertising', 'affiliate', 'videos']
/** Every call the banner makes (banner.tsx, wording.ts), with the options it passes. */
const CALLS: [string, Record<string, unknown>?][] = [
  ['banner.label'],
  ['banner.title'],
  ['banner.text', { purposes: 'A, B and C' }],
  ['banner.textNecessary'],
  ['banner.policy'],
  ['banner.gpc', { categories: 'X and Y' }],
  ['banner.revision'],
  ['banner.added'],
  ['banner.configError'],
  ['actions.acceptAll'],
  ['actions.rejectAll'],
  ['actions.customize'],
  ...(['pair', 'middle', 'end'] as const).map((k): [string, Record<string, unknown>] => [`list.${k}`, { a: 'A', b: 'B', fallbackLng: false, defaultValue: '\u0000' }]),
  ...IDS.flatMap((id): [string, Record<string, unknown>][] => [
    [`categories.${id}.name`, { defaultValue: id }],
    [`banner.purposes.${id}`, { defaultValue: `name of ${id}` }]
  ])
]

const resolved = (lng: string, own: Record<string, string> = {}): Resolved => {
  const layers: Record<string, Layer[]> = { en: [[file('en'), '']] }
  // German is an owner's language: only its strings, no shipped file.
  if (lng != 'en') layers[lng] = lng == 'de' ? [] : [[file(lng), '']]
  // Owner strings, flat and dotted, as config.strings gives them.
  layers[lng]!.push([own as LocaleResource, ''])
  return { lng, dir: textDirection(lng), layers }
}

describe('the quick translator words the banner exactly as i18next does', () => {
  it.each(['en', 'fr', 'ar', 'de'])('%s, shipped strings (de: none, English fills in)', (lng) => {
    const r = resolved(lng)
    const quick = quickTranslator(r)!
    const full = translator(r)
    expect(quick).not.toBeNull()
    for (const [key, options] of CALLS) expect(quick(key, options), key).toBe(full(key, options))
    // A key no layer has (a locale file that lost one): both give the key itself.
    expect(quick('banner.gone')).toBe(full('banner.gone'))
  })

  it('with any owner overrides of the banner keys: the same words, or it declines', () => {
    const keys = CALLS.map(([k]) => k)
    const piece = fc.oneof(
      fc.string(),
      fc.constantFrom('{{purposes}}', '{{ purposes }}', '{{a}}', '{{b}}', '{{categories}}', '{{missing}}', '{{x, number}}', '{{- a}}', '$t(banner.title)', '{{a.b}}', '{{', '}}', '')
    )
    const text = fc.array(piece, { maxLength: 4 }).map((parts) => parts.join(''))
    const overrides = fc.dictionary(fc.constantFrom(...keys), text, { maxKeys: 6 })
    fc.assert(
      fc.property(fc.constantFrom('en', 'fr', 'ar', 'de'), overrides, (lng, own) => {
        const r = resolved(lng, own)
        const quick = quickTranslator(r)
        const declined = Object.values(own).some((v) => v.includes('$t(') || /{{(?!\s*[\w$]+\s*}})(.+?)}}/.test(v))
        expect(quick === null, `declines only for i18next's own syntax: ${JSON.stringify(own)}`).toBe(declined)
        if (!quick) return
        const full = translator(r)
        for (const [key, options] of CALLS) expect(quick(key, options), `${lng} ${key} ${JSON.stringify(own)}`).toBe(full(key, options))
      }),
      { numRuns: 300 }
    )
  })

  it('declines when one layer replaces a branch of another (`banner` over `banner.title`)', () => {
    expect(quickTranslator(resolved('en', { banner: 'Cookies' }))).toBeNull()
    // …or goes deeper into a key another set as text (`extra`, then `extra.more`).
    const r = resolved('en')
    r.layers.en!.push([{ extra: 'Text' } as LocaleResource, ''], [{ extra: { more: 'Deeper' } } as LocaleResource, ''])
    expect(quickTranslator(r)).toBeNull()
  })

  // Random strings reach these only by chance; each is pinned here.
  it.each([
    ['a placeholder with spaces', { 'banner.text': 'We use cookies {{ purposes }}.' }, 'banner.text', { purposes: 'to measure' }],
    ['a value with HTML characters, shown as text by both, never escaped', {}, 'banner.text', { purposes: 'ads & <offers> "now"' }]
  ])('%s: the same words', (_, own, key, options) => {
    const r = resolved('en', own)
    expect(quickTranslator(r)!(key, options)).toBe(translator(r)(key, options))
    expect(translator(r)(key, options)).toContain(options.purposes)
  })
})

describe('text direction', () => {
  it('is what i18next says, for right-to-left, left-to-right and scripted tags', () => {
    const i18n = i18next.createInstance()
    i18n.init({ initAsync: false })
    for (const lng of ['ar', 'ar-ma', 'he', 'fa', 'ur', 'ckb', 'en', 'fr', 'fr-ca', 'de', 'ja', 'az-arab', 'uz-latn', 'ar-latn', 'fa-Latn', 'pa-arab', 'xx'])
      expect(textDirection(lng), lng).toBe(i18n.dir(lng))
  })

  // Node 20 has no Intl.Locale#getTextInfo (Chromium has): stubbed, both must take its word first.
  it('is what i18next says where Intl has text info, which wins over the list', () => {
    const proto = Intl.Locale.prototype as { getTextInfo?: () => object }
    const own = Object.getOwnPropertyDescriptor(proto, 'getTextInfo')
    proto.getTextInfo = function (this: Intl.Locale) {
      return this.language == 'ar' ? { direction: 'ltr' } : this.language == 'xx' ? { direction: 'rtl' } : {}
    }
    try {
      const i18n = i18next.createInstance()
      i18n.init({ initAsync: false })
      for (const [lng, dir] of [['ar', 'ltr'], ['xx', 'rtl'], ['he', 'rtl'], ['en', 'ltr']])
        expect([textDirection(lng), i18n.dir(lng)], lng).toEqual([dir, dir])
    } finally {
      if (own) Object.defineProperty(proto, 'getTextInfo', own)
      else delete proto.getTextInfo
    }
  })
})
