/**
 * `resources`: translations as data. A partial resource is merged over the
 * shipped language, a complete one replaces the request for it, and a lazy
 * one is loaded only for the visitor who reads that language. Wrong values
 * are reported naming the key.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { LocaleResource } from '../../../src/core/types'
import { fetchJson, readOwned, readShipped } from '../../../src/ui/resources'
import { localesDir, reset, serveLocales, setup } from './context'

afterEach(reset)

const file = (lang: string): LocaleResource => JSON.parse(readFileSync(resolve(localesDir, `${lang}.json`), 'utf8'))
const urls = (fetch: ReturnType<typeof serveLocales>) => fetch.mock.calls.map((c) => String(c[0]))
const title = (s: Awaited<ReturnType<typeof setup>>) => s.shadow.querySelector('.nc-banner h2')!.textContent

describe('resources', () => {
  it('a partial resource is merged over the shipped language: nested and dotted keys alike', async () => {
    const fetch = serveLocales()
    const s = await setup({
      config: { locale: 'fr', resources: { fr: { banner: { title: 'Vos données, vos choix' }, 'actions.customize': 'Choisir' } } }
    })
    s.ui.showBanner()
    expect(urls(fetch)).toEqual(['https://cdn.test/nc/locales/fr.json'])
    expect(title(s)).toBe('Vos données, vos choix')
    expect(s.button(s.banner(), 'Choisir')).toBeTruthy()
    expect(s.button(s.banner(), 'Tout accepter')).toBeTruthy()
  })

  it('a complete resource (`import ar from "nanoconsent/locales/ar"`) needs no request', async () => {
    const fetch = serveLocales()
    const s = await setup({ config: { locale: 'ar', resources: { ar: file('ar') } } })
    s.ui.showBanner()
    expect(urls(fetch)).toEqual([])
    expect(s.host.dir).toBe('rtl')
    expect(s.button(s.banner(), 'قبول الكل')).toBeTruthy()
  })

  it('a lazy one (`() => import(…)`) is called only for the language shown, and may give the module', async () => {
    const fetch = serveLocales()
    const ar = vi.fn(async () => ({ default: file('ar') }))
    const fr = vi.fn(async () => ({ default: file('fr') }))
    const s = await setup({ config: { locale: 'ar', resources: { ar, fr } } })
    expect(ar).toHaveBeenCalledOnce()
    expect(fr).not.toHaveBeenCalled()
    expect(urls(fetch)).toEqual([])
    expect(s.host.lang).toBe('ar')
  })

  it('adds a language: a German visitor (de-DE) gets the owner’s German, English filling the gaps', async () => {
    const fetch = serveLocales()
    vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['de-DE', 'de'])
    const de = vi.fn(() => ({ actions: { acceptAll: 'Alle akzeptieren' } }))
    const s = await setup({ config: { resources: { DE: de } } })
    s.ui.showBanner()
    expect(urls(fetch)).toEqual([])
    expect(s.host.lang).toBe('de')
    expect(s.button(s.banner(), 'Alle akzeptieren')).toBeTruthy()
    expect(s.button(s.banner(), 'Reject all')).toBeTruthy()
  })

  it('a URL (for the JSON config block) is fetched as given', async () => {
    const fetch = serveLocales()
    const s = await setup({ config: { locale: 'fr-CA', resources: { 'fr-ca': 'https://cdn.test/nc/locales/fr.json' } } })
    s.ui.showBanner()
    expect(urls(fetch)).toEqual(['https://cdn.test/nc/locales/fr.json'])
    expect(s.host.lang).toBe('fr-ca')
    expect(s.button(s.banner(), 'Tout accepter')).toBeTruthy()
  })

  it('`strings` is the same thing, flat, and wins over `resources`; `en` overrides English', async () => {
    serveLocales()
    const s = await setup({
      config: {
        resources: { en: { actions: { acceptAll: 'Yes to all', rejectAll: 'No to all' } } },
        strings: { en: { 'actions.rejectAll': 'No thanks' } }
      }
    })
    s.ui.showBanner()
    expect(s.button(s.banner(), 'Yes to all')).toBeTruthy()
    expect(s.button(s.banner(), 'No thanks')).toBeTruthy()
  })

  it('an owner key through __proto__ or constructor reaches no prototype, and the rest applies', async () => {
    serveLocales()
    const s = await setup({
      config: { strings: { en: { '__proto__.polluted': 'yes', 'constructor.prototype.polluted': 'yes', 'actions.acceptAll': 'Yes to all' } } }
    })
    s.ui.showBanner()
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(s.button(s.banner(), 'Yes to all')).toBeTruthy()
  })

  it('with the npm entry’s `locale()`, shipped languages come from it and nothing is fetched', async () => {
    const fetch = serveLocales()
    const locale = vi.fn(async (lang: string) => (lang == 'ar' ? file('ar') : null))
    const s = await setup({ config: { locale: 'ar' }, locale })
    expect(locale.mock.calls).toEqual([['ar']])
    expect(urls(fetch)).toEqual([])
    expect(s.host.dir).toBe('rtl')
  })
})

describe('wrong resources are reported, naming the key, and the banner still shows', () => {
  it.each([
    ['a number', 42, /"resources\.de" is 42;/],
    ['a list', ['x'], /"resources\.de" is \["x"\];/],
    ['a javascript: URL', 'javascript:alert(1)', /"resources\.de" is "javascript:alert\(1\)";/],
    ['a URL that gives nothing', 'https://cdn.test/nc/locales/de.json', /"resources\.de" is "https:\/\/cdn\.test\/nc\/locales\/de\.json", which gave no JSON object;/],
    ['a function that fails', () => Promise.reject(new Error('chunk gone')), /"resources\.de" is a function that failed: Error: chunk gone;/],
    ['a function that gives a number', () => 7, /"resources\.de" is a function that gave 7;/]
  ])('%s: English instead', async (_, value, message) => {
    const fetch = serveLocales()
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const s = await setup({ config: { locale: 'de', resources: { de: value as never } } })
    s.ui.showBanner()
    expect(errors).toHaveBeenCalledOnce()
    expect(String(errors.mock.calls[0]![0])).toMatch(message)
    expect(urls(fetch).filter((u) => !u.endsWith('/de.json'))).toEqual([])
    expect(s.host.lang).toBe('en')
    expect(s.button(s.banner(), 'Accept all')).toBeTruthy()
  })

  it('a wrong entry inside a resource is skipped, the rest applies', async () => {
    serveLocales()
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const s = await setup({ config: { locale: 'fr', resources: { fr: { banner: { title: 7 as never }, actions: { customize: 'Choisir' } } } } })
    s.ui.showBanner()
    expect(errors.mock.calls.map((c) => String(c[0]))).toEqual(['nanoconsent: config "resources.fr.banner.title" is 7; expected text'])
    expect(s.button(s.banner(), 'Choisir')).toBeTruthy()
    expect(title(s)).toBe(file('fr').banner && (file('fr').banner as LocaleResource).title)
  })
})

it('a wrong entry in `strings` is skipped without a second report: validation (change.js) names it once', async () => {
  serveLocales()
  const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
  const s = await setup({ config: { locale: 'fr', strings: { fr: { 'banner.title': 7 as never, 'actions.customize': 'Choisir' } } } })
  s.ui.showBanner()
  expect(errors).not.toHaveBeenCalled()
  expect(s.button(s.banner(), 'Choisir')).toBeTruthy()
})

describe('reading one resource', () => {
  const served = (body: string, status = 200) => vi.stubGlobal('fetch', vi.fn(async () => new Response(body, { status })))

  it.each(['https://cdn.test/fr.json', 'http://cdn.test/fr.json', 'HTTPS://CDN.TEST/fr.json', '/i18n/fr.json', 'fr.json', 'i18n/fr.json?at=12:00'])(
    'an http(s) URL or a relative one is fetched: %s',
    async (url) => {
      served('{"banner": {"title": "Témoins"}}')
      expect(await readOwned(url, 'resources.fr')).toEqual({ banner: { title: 'Témoins' } })
      expect(fetch).toHaveBeenCalledWith(url)
    }
  )

  it.each(['javascript:alert(1)', 'data:application/json,{}', 'blob:https://cdn.test/1'])('no other scheme is fetched: %s', async (url) => {
    served('{}')
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(await readOwned(url, 'resources.fr')).toBeNull()
    expect(fetch).not.toHaveBeenCalled()
  })

  it('an error page is not a resource, even when its body is JSON', async () => {
    served('{"error": "not found"}', 404)
    expect(await fetchJson('https://cdn.test/fr.json')).toBeNull()
  })

  it('a request that fails is null, not an exception', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('offline'))))
    expect(await fetchJson('https://cdn.test/fr.json')).toBeNull()
  })

  it('a shipped language that cannot be imported is null: the banner falls back to English', async () => {
    expect(await readShipped(() => Promise.reject(new Error('chunk gone')))).toBeNull()
  })

  // The visitor must always be asked: a locale that never comes is given up after 4 s.
  it('a request or a function that never answers is given up after 4 s, and the owner told', async () => {
    vi.useFakeTimers()
    try {
      vi.stubGlobal('fetch', vi.fn(() => new Promise(() => {})))
      const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
      const url = readOwned('https://cdn.test/fr.json', 'resources.fr')
      const fn = readOwned(() => new Promise(() => {}), 'resources.de')
      await vi.advanceTimersByTimeAsync(4000)
      expect(await url).toBeNull()
      expect(await fn).toBeNull()
      expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([
        expect.stringContaining('"resources.fr" is "https://cdn.test/fr.json", which gave no JSON object'),
        expect.stringContaining('"resources.de" is a function that gave nothing in time')
      ])
    } finally {
      vi.useRealTimers()
    }
  })
})
