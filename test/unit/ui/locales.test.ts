import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { localeCandidates } from '../../../src/ui/locale'
import { categories, localesDir, reset, serveLocales, setup } from './context'

afterEach(reset)

type Tree = { [key: string]: string | Tree }
const load = (lang: string): Tree => JSON.parse(readFileSync(resolve(localesDir, `${lang}.json`), 'utf8'))
const flatten = (tree: Tree, prefix = ''): Record<string, string> =>
  Object.entries(tree).reduce<Record<string, string>>((out, [k, v]) => {
    if (typeof v === 'string') out[prefix + k] = v
    else Object.assign(out, flatten(v, `${prefix}${k}.`))
    return out
  }, {})
const en = flatten(load('en'))

describe('locale files', () => {
  it.each(['ar', 'fr'])('%s.json has every en.json key (plural keys by base name), none empty', (lang) => {
    const other = flatten(load(lang))
    const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '')
    const otherBases = new Set(Object.keys(other).map(base))
    for (const key of Object.keys(en)) {
      if (/_(one|other)$/.test(key)) expect(other, `${lang}: ${key}`).toHaveProperty([key])
      expect(otherBases.has(base(key)), `${lang}: ${key}`).toBe(true)
    }
    for (const [key, value] of Object.entries(other)) expect(value.trim(), `${lang}: ${key}`).not.toBe('')
    for (const [key, value] of Object.entries(en)) expect(value.trim(), `en: ${key}`).not.toBe('')
  })

  it('ar.json has all six Arabic plural forms for the cookie count', () => {
    const ar = flatten(load('ar'))
    for (const form of ['zero', 'one', 'two', 'few', 'many', 'other']) expect(ar[`prefs.cookies_${form}`]).toBeTruthy()
    for (const form of ['few', 'many', 'other']) expect(ar[`prefs.cookies_${form}`]).toContain('{{count}}')
  })

  it('has names and purposes for the five default categories in every language', () => {
    for (const lang of ['en', 'ar', 'fr']) {
      const flat = flatten(load(lang))
      for (const id of ['necessary', 'preferences', 'analytics', 'advertising', 'affiliate']) {
        expect(flat[`categories.${id}.name`], `${lang} ${id}`).toBeTruthy()
        expect(flat[`categories.${id}.purpose`], `${lang} ${id}`).toBeTruthy()
      }
    }
  })
})

describe('localeCandidates', () => {
  it('uses <html lang>, then navigator.languages, then en', () => {
    expect(localeCandidates('auto', 'fr', ['ar', 'en-US'])).toEqual(['fr', 'ar', 'en-us', 'en'])
    expect(localeCandidates('auto', '', ['ar-EG', 'fr'])).toEqual(['ar-eg', 'ar', 'fr', 'en'])
    expect(localeCandidates('auto', '', [])).toEqual(['en'])
  })

  it('follows a region tag with its language', () => {
    expect(localeCandidates('auto', 'ar-MA', [])).toEqual(['ar-ma', 'ar', 'en'])
    expect(localeCandidates('auto', 'fr_CA', [])).toEqual(['fr-ca', 'fr', 'en'])
    expect(localeCandidates('auto', 'de-AT', [])).toEqual(['de-at', 'de', 'en'])
  })

  it('a configured locale wins over detection', () => {
    expect(localeCandidates('fr-CA', 'ar', ['ar'])).toEqual(['fr-ca', 'fr', 'en'])
  })

  it('ignores tags that could escape the locales folder', () => {
    expect(localeCandidates('auto', '../../x', ['a/b', 'fr'])).toEqual(['fr', 'en'])
  })
})

describe('loading a locale', () => {
  it.each([
    ['ar', 'rtl', 'قبول الكل'],
    ['ar-MA', 'rtl', 'قبول الكل'],
    ['fr-CA', 'ltr', 'Tout accepter'],
    ['en', 'ltr', 'Accept all']
  ])('<html lang="%s"> → dir %s, fetching only the active locale', async (lang, dir, accept) => {
    const fetch = serveLocales()
    document.documentElement.lang = lang
    const s = await setup()
    const base = lang.split('-')[0]!
    expect(s.host.getAttribute('dir')).toBe(dir)
    expect(s.host.getAttribute('lang')).toBe(base)
    expect(s.shadow.querySelector('.nc')!.getAttribute('dir')).toBe(dir)
    expect(s.shadow.querySelector('.nc')!.getAttribute('lang')).toBe(base)
    expect(s.button(s.banner(), accept)).toBeTruthy()
    expect(fetch.mock.calls.map((c) => String(c[0]))).toEqual(base === 'en' ? [] : [`https://cdn.test/nc/locales/${base}.json`])
  })

  it('falls back to navigator.languages when <html lang> is missing', async () => {
    serveLocales()
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['fr-FR', 'en'])
    const s = await setup()
    expect(s.host.lang).toBe('fr')
  })

  it.each([
    [['en-US', 'fr-FR'], 'en'],
    [['de-DE', 'fr'], 'fr'],
    [['nl', 'ar-EG', 'fr'], 'ar']
  ])('navigator.languages %j: the first language it ships, and English once English comes first → %s', async (languages, lng) => {
    serveLocales()
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(languages)
    const s = await setup()
    expect(s.host.lang).toBe(lng)
  })

  it('a tag with spaces around it (<html lang=" fr ">) is read', () => {
    expect(localeCandidates('auto', ' fr ', [])).toEqual(['fr', 'en'])
  })

  it('passes the active locale to choose()', async () => {
    serveLocales()
    document.documentElement.lang = 'ar'
    const s = await setup()
    s.ui.showBanner()
    s.button(s.banner(), 'رفض الكل').click()
    expect(s.choose.mock.calls[0]![2]).toBe('ar')
  })

  it.each(['de-DE', 'de', 'pt-BR'])('a language nanoconsent does not ship (<html lang="%s">) is English, with no request and no console error', async (lang) => {
    const fetch = serveLocales()
    const errors = vi.spyOn(console, 'error')
    document.documentElement.lang = lang
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue([lang, 'nl'])
    const s = await setup()
    expect(fetch).not.toHaveBeenCalled()
    expect(errors).not.toHaveBeenCalled()
    expect(s.host.lang).toBe('en')
    s.ui.showBanner()
    expect(s.button(s.banner(), 'Accept all')).toBeTruthy()
  })

  it('a region of a shipped language (ar-MA) loads that language, once', async () => {
    const fetch = serveLocales()
    document.documentElement.lang = 'ar-MA'
    const s = await setup()
    expect(fetch.mock.calls.map((c) => String(c[0]))).toEqual(['https://cdn.test/nc/locales/ar.json'])
    expect(s.host.lang).toBe('ar')
  })

  it('still shows the English banner when the network fails (fail closed)', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('offline'))))
    document.documentElement.lang = 'ar'
    const s = await setup()
    s.ui.showBanner()
    expect(s.banner().hidden).toBe(false)
    expect(s.host.dir).toBe('ltr')
    expect(s.button(s.banner(), 'Reject all')).toBeTruthy()
  })

  it('accepts a language an owner adds through config.strings only', async () => {
    serveLocales()
    const s = await setup({ config: { locale: 'de', strings: { de: { 'actions.acceptAll': 'Alle akzeptieren' } } } })
    s.ui.showBanner()
    expect(s.host.lang).toBe('de')
    expect(s.button(s.banner(), 'Alle akzeptieren')).toBeTruthy()
    expect(s.button(s.banner(), 'Reject all')).toBeTruthy()
  })

  it('uses the Arabic plural forms for cookie counts, numbers isolated in <bdi>', async () => {
    serveLocales()
    document.documentElement.lang = 'ar'
    const many = Array.from({ length: 11 }, (_, i) => ({ name: `c${i}`, provider: 'x', purpose: 'y', lifetime: 'z' }))
    const s = await setup({
      config: {
        categories: [
          categories[0]!,
          { id: 'preferences', cookies: many.slice(0, 2) },
          { id: 'analytics', cookies: many.slice(0, 3) },
          { id: 'advertising', cookies: many }
        ]
      }
    })
    s.ui.showPreferences()
    const summary = (id: string) => s.shadow.querySelector(`[data-category="${id}"] summary`)!
    expect(summary('necessary').textContent).toBe('ملف تعريف ارتباط واحد')
    expect(summary('preferences').textContent).toBe('ملفّا تعريف ارتباط')
    expect(summary('analytics').textContent).toBe('3 ملفات تعريف ارتباط')
    expect(summary('analytics').querySelector('bdi')!.textContent).toBe('3')
    expect(summary('advertising').textContent).toBe('11 ملفًا لتعريف الارتباط')
  })

  it('shows an owner-added category by its id, or by its strings', async () => {
    serveLocales()
    const s = await setup({
      config: {
        categories: [categories[0]!, { id: 'newsletter', cookies: [] }, { id: 'chat', cookies: [] }],
        strings: { en: { 'categories.chat.name': 'Live chat', 'categories.chat.purpose': 'Keeps the chat open.' } }
      }
    })
    s.ui.showPreferences()
    expect(s.shadow.querySelector('label[for="nc-c1"]')!.textContent).toBe('newsletter')
    expect(s.shadow.querySelector('label[for="nc-c2"]')!.textContent).toBe('Live chat')
    expect(s.shadow.querySelector('[data-category="chat"] p')!.textContent).toBe('Keeps the chat open.')
  })
})
