import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest'
import { NEEDED_BY, categoryIds, plain, readConfig, readJsonBlock, readTagConfig } from '../../../src/core/config'
import { integrations } from '../../../src/core/integrations/index'
import { validateConfig } from '../../../src/core/validate'

let errors: MockInstance<typeof console.error>
let warnings: MockInstance<typeof console.warn>
beforeEach(() => {
  errors = vi.spyOn(console, 'error').mockImplementation(() => {})
  warnings = vi.spyOn(console, 'warn').mockImplementation(() => {})
  document.body.innerHTML = ''
})
afterEach(() => vi.restoreAllMocks())

const errorTexts = () => errors.mock.calls.map((c) => String(c[0]))
const warningTexts = () => warnings.mock.calls.map((c) => String(c[0]))
/** `a[1].b` and `a.1.b` name the same path. */
const dotted = (text: string) => text.replace(/\[(\d+)\]/g, '.$1')
/** The one warning about config path `path`; it quotes the value as JSON. */
const warningAbout = (path: string) => {
  const found = warningTexts().filter((m) => dotted(m).includes(`config "${dotted(path)}" is `))
  expect(found, warningTexts().join('\n')).toHaveLength(1)
  return found[0]!
}

/**
 * readConfig: what the loader reads on every page view. It never throws and
 * it makes every value it acts on safe, rather than refusing the config: a
 * mistake there must not cost the visitor's choice (validation names it).
 */
describe('readConfig: the loader’s reading never fails and never trusts a value', () => {
  it('defaults: revision 1, cookie "nanoconsent", 182 days, GPC and reload on; no category listed, so they are derived on the page', () => {
    const config = readConfig([{}])
    expect(config).toMatchObject({ revision: 1, cookieName: 'nanoconsent', expiresAfterDays: 182, respectGpc: true, reloadOnRevoke: true, locale: 'auto', unknowable: false, derived: true })
    expect(config.categories.map((c) => c.id)).toEqual(['necessary'])
  })

  it('categories listed in several sources merge by id, in the order first listed; any list turns derivation off', () => {
    const config = readConfig([{ categories: ['analytics', { id: 'advertising', cookies: [{ name: '_x' }] }] }, { categories: 'advertising, preferences' }, { categories: [{ id: 'analytics', cookies: [{ name: '_y' }] }] }])
    expect(config.categories.map((c) => c.id)).toEqual(['necessary', 'analytics', 'advertising', 'preferences'])
    expect(config.derived).toBe(false)
  })

  it('toString and valueOf from JSON are dropped with an error, so reading a value as a number never throws', () => {
    const sources = plain(JSON.parse('{"revision":{"toString":false},"expiresAfterDays":{"valueOf":1,"toString":null}}'))
    const config = readConfig([sources])
    expect(config).toMatchObject({ revision: 1, expiresAfterDays: 182 })
    expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([
      'nanoconsent: config "revision.toString" is not allowed',
      'nanoconsent: config "expiresAfterDays.valueOf" is not allowed',
      'nanoconsent: config "expiresAfterDays.toString" is not allowed'
    ])
  })

  it('data-categories="analytics,advertising" on the tag is a list', () => {
    const config = readConfig([{}, readTagConfig(loaderTag({ 'data-categories': 'analytics,advertising' }))])
    expect(config.categories.map((c) => c.id)).toEqual(['necessary', 'analytics', 'advertising'])
  })

  it('each built-in integration needs the category its manifest names (the loader derives categories from this map)', () => {
    for (const m of integrations) expect(NEEDED_BY[m.key], m.key).toBe(m.category)
    expect(Object.keys(NEEDED_BY).sort()).toEqual(integrations.map((m) => m.key).sort())
  })

  it('integrations is always an object, even with no source at all', () => {
    expect(readConfig([]).integrations).toEqual({})
    expect(readConfig([null, 'x', Error('not JSON')]).integrations).toEqual({})
  })

  it.each([
    ['a whole number', 3, 3],
    ['a string of digits (a data-* attribute)', '3', 3],
    ['"2a": its leading whole number', '2a', 2],
    ['a fraction: its whole part', 1.5, 1],
    ['0', 0, 0],
    ['over the maximum', 1e9, 999999],
    ['negative: the default', -1, 1],
    ['"abc": the default', 'abc', 1],
    ['null: the default', null, 1],
    ['an object: the default', { v: 2 }, 1]
  ])('revision %s', (_, given, read) => {
    expect(readConfig([{ revision: given }]).revision).toBe(read)
  })

  it.each([
    ['in range', 30, 30],
    ['0: the default', 0, 182],
    ['negative: one day', -5, 1],
    ['400: 395, the 13-month maximum', 400, 395],
    ['a string of digits', '30', 30],
    ['text: the default', 'x', 182],
    ['NaN: the default', NaN, 182]
  ])('expiresAfterDays %s', (_, given, read) => {
    expect(readConfig([{ expiresAfterDays: given }]).expiresAfterDays).toBe(read)
  })

  it.each([
    ['a space', 'my cookie'],
    ['a semicolon', 'a;b'],
    ['an equals sign', 'a=b'],
    ['65 characters', 'x'.repeat(65)],
    ['empty', ''],
    ['an object', { name: 'x' }]
  ])('a cookie name with %s: the default', (_, given) => {
    expect(readConfig([{ cookieName: given }]).cookieName).toBe('nanoconsent')
  })

  it('a good cookie name is kept', () => {
    expect(readConfig([{ cookieName: 'shop_consent-2' }]).cookieName).toBe('shop_consent-2')
  })

  it('sources merge in order, the last winning; integrations merge field by field', () => {
    const config = readConfig([{ revision: 2, integrations: { ga4: { id: 'G-OLD111', mode: 'advanced' } } }, { revision: 5, integrations: { ga4: { id: 'G-NEW222' } } }])
    expect(config.revision).toBe(5)
    expect(config.integrations.ga4).toEqual({ id: 'G-NEW222', mode: 'advanced' })
  })

  it('an unparsable JSON block (an Error source) or a source that is not an object counts as no source', () => {
    expect(readConfig([Error('not JSON'), { revision: 4 }]).revision).toBe(4)
    expect(readConfig([42, 'text', null, undefined, [1, 2]]).categories.map((c) => c.id)).toEqual(readConfig([{}]).categories.map((c) => c.id))
  })

  it('never throws, whatever the sources', () => {
    fc.assert(
      fc.property(fc.array(fc.anything()), (sources) => {
        const config = readConfig(sources.map((s) => plain(s)))
        expect(config.categories[0]!.id).toBe('necessary')
        expect(config.revision).toBeGreaterThanOrEqual(0)
        expect(config.expiresAfterDays).toBeGreaterThanOrEqual(1)
      }),
      { numRuns: 300 }
    )
  })
})

describe('categories: the set a choice answers', () => {
  it('ids as strings or { id }, necessary first, each once; invalid ids are left out', () => {
    expect(categoryIds(['analytics', { id: 'necessary' }, { id: 'ads', cookies: [] }, 'analytics', { id: 'Analytics' }, { id: 'constructor' }, { id: 'decided' }, '1st'])).toEqual([
      'necessary',
      'analytics',
      'ads'
    ])
    expect(readConfig([{ categories: ['analytics'] }]).categories).toEqual([
      { id: 'necessary', cookies: [] },
      { id: 'analytics', cookies: [] }
    ])
  })

  // `{ name: 'analytics' }` (a common slip for `id`) must not give a category "undefined", nor `{ id: null }` one named "null".
  it('an entry without a string id is left out, never a category named "undefined" or "null"', () => {
    expect(categoryIds(['analytics', { name: 'ads' }, { id: null }, 7, null, { id: true }])).toEqual(['necessary', 'analytics'])
  })

  it.each([
    ['an object', { analytics: {} }],
    ['a number', 3],
    ['null', null]
  ])('categories given as %s: unknowable, so no choice can be stored', (_, given) => {
    expect(categoryIds(given)).toBeNull()
    const config = readConfig([{ categories: given }])
    expect(config.unknowable).toBe(true)
    expect(config.categories.map((c) => c.id)).toEqual(['necessary'])
  })

  it('only the ids the state already has are refused, not ids that begin with one', () => {
    expect(categoryIds(['decided', 'decided-later', 'constructor', 'constructors'])).toEqual(['necessary', 'decided-later', 'constructors'])
  })

  it('an empty list is knowable: necessary alone', () => {
    expect(readConfig([{ categories: [] }])).toMatchObject({ unknowable: false, categories: [{ id: 'necessary', cookies: [] }] })
  })
})

/**
 * validateConfig (change chunk): it names each mistake for the owner and
 * otherwise ignores it. Only a category set nobody can know stops choices
 * being stored. Values the loader acts on are the loader's own reading.
 */
describe('validateConfig: mistakes warn, name the key, and are otherwise ignored', () => {
  it('a key typo warns with "did you mean"', () => {
    const { ok } = validateConfig([{ revison: 2, respectGPC: false, integrations: { ga4: { id: 'G-ABC123', moed: 'advanced' } } }])
    expect(ok).toBe(true)
    expect(warningAbout('revison')).toContain('did you mean "revision"')
    expect(warningAbout('respectGPC')).toContain('did you mean "respectGpc"')
    expect(errors).not.toHaveBeenCalled()
  })

  it('an unknown key far from any known one lists the known keys', () => {
    validateConfig([{ colour: 'red' }])
    expect(warningAbout('colour')).toMatch(/"red".*revision, policyUrl/)
  })

  it('an integration the SDK does not know is named', () => {
    expect(validateConfig([{ integrations: { hotjar: { id: '1' } } }]).ok).toBe(true)
    expect(warningAbout('integrations.hotjar')).toContain('ga4, metaPixel, affiliate')
  })

  it.each([
    ['layout', 'left', 'bar'],
    ['theme', 'blue', 'auto'],
    ['policyUrl', 'javascript:alert(1)', ''],
    ['strings', { en: { 'banner.title': 3 } }, {}],
    ['locale', 'english please', 'auto']
  ])('an invalid %s warns and its default stands', (key, given, fallback) => {
    const { config, ok } = validateConfig([{ [key]: given }])
    expect(ok).toBe(true)
    expect(warningAbout(key)).toContain(JSON.stringify(given))
    expect((config as unknown as Record<string, unknown>)[key]).toEqual(fallback)
    expect(errors).not.toHaveBeenCalled()
  })

  it('a javascript: or data: URL is never kept (policyUrl, recordUrl)', () => {
    const { config } = validateConfig([{ policyUrl: 'javascript:alert(1)', recordUrl: 'data:text/plain,x' }])
    expect(config.policyUrl).toBe('')
    expect(config.recordUrl).toBeUndefined()
    warningAbout('recordUrl')
  })

  it('expiresAfterDays out of range warns that it is clamped; the loader’s clamped value stands', () => {
    const { config, ok } = validateConfig([{ expiresAfterDays: 400 }])
    expect(ok).toBe(true)
    expect(warningAbout('expiresAfterDays')).toMatch(/400.*395/)
    expect(config.expiresAfterDays).toBe(395)
  })

  it('expiresAfterDays 0: the warning names the value that is used (the default, 182)', () => {
    const { config } = validateConfig([{ expiresAfterDays: 0 }])
    expect(config.expiresAfterDays).toBe(readConfig([{ expiresAfterDays: 0 }]).expiresAfterDays)
    expect(warningAbout('expiresAfterDays')).toContain(`${config.expiresAfterDays} is used`)
    expect(config.expiresAfterDays).toBe(182)
  })

  it('revision "2a" (from data-revision) warns; the loader’s reading, 2, stands', () => {
    const { config, ok } = validateConfig([{}, readTagConfig(loaderTag({ 'data-revision': '2a' }))])
    expect(ok).toBe(true)
    expect(warningAbout('revision')).toContain('"2a"')
    expect(config.revision).toBe(2)
  })

  it('a category id the loader cannot use is named and left out', () => {
    const { config } = validateConfig([{ categories: [{ id: 'necessary' }, { id: 'Analytics' }, { id: 'constructor' }, { id: 'ads' }] }])
    expect(warningAbout('categories[1].id')).toContain('"Analytics"')
    expect(warningAbout('categories[2].id')).toContain('"constructor"')
    expect(config.categories.map((c) => c.id)).toEqual(['necessary', 'ads'])
  })

  it('a category listed twice warns, and its cookies are merged', () => {
    const { config, ok } = validateConfig([{ categories: ['necessary', { id: 'analytics', cookies: [{ name: 'a' }] }, { id: 'analytics', cookies: [{ name: 'b' }] }] }])
    expect(ok).toBe(true)
    expect(warningAbout('categories')).toContain('"analytics"')
    expect(config.categories.find((c) => c.id == 'analytics')!.cookies.map((c) => c.name)).toEqual(['a', 'b'])
  })

  it('a category list that declares cookies for one category only is valid as it is', () => {
    const { config, ok } = validateConfig([{ categories: [{ id: 'necessary' }, { id: 'preferences' }, { id: 'analytics', cookies: [{ name: 'my_stats', provider: 'Us', purpose: 'Counting', lifetime: '1 year' }] }] }])
    expect(ok).toBe(true)
    expect(config.categories.map((c) => c.id)).toEqual(['necessary', 'preferences', 'analytics'])
    expect(warnings).not.toHaveBeenCalled()
    expect(errors).not.toHaveBeenCalled()
  })

  it('integration values are not judged here: each vendor checks its own where it starts (activate.ts)', () => {
    const { config, ok } = validateConfig([{ categories: ['analytics'], integrations: { ga4: { id: 'UA-123' }, affiliate: { days: 90 } } }])
    expect(ok).toBe(true)
    expect(config.integrations).toEqual({ ga4: { id: 'UA-123' }, affiliate: { days: 90 } })
    expect(warnings).not.toHaveBeenCalled()
    expect(errors).not.toHaveBeenCalled()
  })

  it('errors, not warnings, for the two mistakes that lose config: unparsable JSON, and categories that are not a list', () => {
    expect(validateConfig([Error('not JSON (SyntaxError: Expected double-quoted property name)'), { categories: ['analytics'] }]).ok).toBe(true)
    expect(errorTexts()).toEqual([expect.stringMatching(/#nanoconsent-config.*not valid JSON.*SyntaxError/)])
    errors.mockClear()
    const { config, ok } = validateConfig([{ categories: { analytics: true } }])
    expect(ok).toBe(false)
    expect(config.unknowable).toBe(true)
    expect(errorTexts().some((m) => m.includes('config "categories"'))).toBe(true)
  })

  it('a valid config warns about nothing and keeps every field', () => {
    const source = {
      revision: 3,
      policyUrl: '/privacy',
      layout: 'box',
      theme: 'dark',
      expiresAfterDays: 395,
      categories: [{ id: 'necessary' }, 'analytics', { id: 'advertising', cookies: [{ name: '_gcl_au' }] }],
      integrations: { ga4: { id: 'G-ABC123', mode: 'advanced' }, metaPixel: { id: '123456789' } },
      strings: { fr: { 'banner.title': 'Cookies "ici"' } },
      recordUrl: '/consent-log',
      debug: true
    }
    const { config, ok } = validateConfig([source])
    expect(warnings).not.toHaveBeenCalled()
    expect(errors).not.toHaveBeenCalled()
    expect(ok).toBe(true)
    const { categories: _, ...rest } = source
    expect(config).toMatchObject(rest)
  })

  // A source without categories (almost every page) once warned `config
  // "categories" is undefined` on every page that validated: a false warning
  // teaches owners to ignore the real ones.
  it('a config without categories warns about nothing', () => {
    validateConfig([{ revision: 2 }, {}])
    expect(warningTexts()).toEqual([])
  })

  it('consentMode: regional defaults with ISO 3166-1 or -2 codes and the seven type names warn about nothing', () => {
    const consentMode = {
      waitForUpdate: 2000,
      regions: [
        { region: ['US-CA', 'US-CO'], analytics_storage: 'granted', ad_storage: 'denied' },
        { region: ['GB', 'ES-CT'], security_storage: 'granted', functionality_storage: 'granted' }
      ],
      adsDataRedaction: true,
      urlPassthrough: false
    }
    const { config } = validateConfig([{ consentMode }])
    expect(warnings).not.toHaveBeenCalled()
    expect(config.consentMode).toEqual(consentMode)
  })

  it('consentMode: a bad region code, type name or value is named; a non-number waitForUpdate too', () => {
    validateConfig([
      {
        consentMode: {
          waitForUpdate: '2s',
          regions: [{ region: ['us-ca', 'California', 'US-CO'], analytic_storage: 'granted', ad_storage: 'yes' }],
          adsDataRedaction: 'yes'
        }
      }
    ])
    expect(warningAbout('consentMode.waitForUpdate')).toContain('"2s"; ignored')
    expect(warningAbout('consentMode.regions[0].region[0]')).toContain('"us-ca"')
    expect(warningAbout('consentMode.regions[0].region[1]')).toContain('"California"')
    expect(warningAbout('consentMode.regions[0].analytic_storage')).toContain('did you mean "analytics_storage"')
    expect(warningAbout('consentMode.regions[0].ad_storage')).toContain('"yes"')
    expect(warningAbout('consentMode.adsDataRedaction')).toContain('"yes"')
    expect(warningTexts()).toHaveLength(6)
  })

  it('each message says whether the value was ignored or clamped, and what was expected', () => {
    validateConfig([{ layout: 'left', expiresAfterDays: 400, revison: 2 }])
    expect(warningAbout('layout')).toBe('nanoconsent: config "layout" is "left"; ignored, expected JSON matching /^"(bar|box)"$/')
    expect(warningAbout('expiresAfterDays')).toBe('nanoconsent: config "expiresAfterDays" is 400; expected at most 395 and at least 1; 395 is used')
    expect(warningAbout('revison')).toMatch(/ is 2; ignored, expected did you mean "revision"\?/)
  })

  it('data-categories="analytics, advertising" (a string on the tag) is a list: no warning', () => {
    const { config } = validateConfig([{ categories: 'analytics, advertising' }])
    expect(warningTexts()).toEqual([])
    expect(config.categories.map((c) => c.id)).toEqual(['necessary', 'analytics', 'advertising'])
  })

  it('a category listed twice is named with what to do; necessary given twice (by name, then with its cookies) is not a mistake', () => {
    validateConfig([{ categories: ['analytics', 'analytics'] }])
    expect(warningTexts()).toEqual(['nanoconsent: config "categories" is "analytics"; ignored, expected each id once in a list; their cookies are merged'])
    warnings.mockClear()
    validateConfig([{ categories: ['necessary', { id: 'necessary', cookies: [{ name: 'session' }] }, 'analytics'] }])
    expect(warningTexts()).toEqual([])
  })

  it('a vendor’s cookie the owner already declared is one row, the owner’s', () => {
    const { config } = validateConfig([{ categories: [{ id: 'analytics', cookies: [{ name: '_ga', provider: 'Google (ours)' }] }], integrations: { ga4: { id: 'G-ABC123' } } }])
    const cookies = config.categories.find((c) => c.id == 'analytics')!.cookies
    expect(cookies.map((c) => c.name)).toEqual(['_ga', '_ga_*', '_gid', '_gat*'])
    expect(cookies[0]).toEqual({ name: '_ga', provider: 'Google (ours)' })
  })

  it('valid values of every shape warn about nothing: subtags, domains, ids and cookie names with digits, all seven Consent Mode types', () => {
    for (const locale of ['zh-hant', 'de-1996', 'fr-CA', 'auto']) validateConfig([{ locale }])
    for (const cookieDomain of ['example.com', '.shop.example.com', 'shop-2.example.com', 'www.shop2.example']) validateConfig([{ cookieDomain }])
    validateConfig([{ categories: ['ads_2', { id: 'stats-1', cookies: [{ name: '_ga_*', provider: 'Google', purpose: 'Counting', lifetime: '2 years' }] }] }])
    const types = ['ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage', 'functionality_storage', 'personalization_storage', 'security_storage']
    validateConfig([{ consentMode: { waitForUpdate: 0, regions: [{ region: ['JP-13', 'ES-CT', 'GB'], ...Object.fromEntries(types.map((t) => [t, 'denied'])) }] } }])
    validateConfig([{ strings: { fr: { 'banner.title': 'Témoins', 'actions.acceptAll': 'Tout "accepter"' }, ar: { 'banner.title': 'ملفات' } } }])
    expect(warningTexts()).toEqual([])
  })

  // Mistakes seen on real tags: JSON written into a data-* attribute arrives as a string.
  it.each([
    ['integrations.ga4', { integrations: { ga4: '{"id": "G-ABC123"}' } }],
    ['resources', { resources: '{"fr": {"banner": {}}}' }],
    ['categories[0].cookies[0].provider', { categories: [{ id: 'ads', cookies: [{ name: '_x', provider: ['Google', 'Meta'] }] }] }],
    ['categories[0].cookies[0].purpose', { categories: [{ id: 'ads', cookies: [{ name: '_x', purpose: ['Ads', 'Retargeting'] }] }] }],
    ['categories[0].cookies[0].lifetime', { categories: [{ id: 'ads', cookies: [{ name: '_x', lifetime: ['1 year'] }] }] }],
    ['consentMode.waitForUpdate', { consentMode: { waitForUpdate: -1 } }],
    ['consentMode.waitForUpdate', { consentMode: { waitForUpdate: 1.5 } }]
  ])('%s of the wrong shape is named', (path, source) => {
    validateConfig([source])
    warningAbout(path)
  })

  it('a vendor’s cookies join its category, for the preferences table and for deletion on withdrawal', () => {
    const { config } = validateConfig([{ categories: ['necessary', 'analytics', 'advertising'], integrations: { ga4: { id: 'G-ABC123' }, metaPixel: { id: '123456789' } } }])
    const names = (id: string) => config.categories.find((c) => c.id == id)!.cookies.map((c) => c.name)
    expect(names('necessary')).toEqual(['nanoconsent'])
    expect(names('analytics')).toEqual(['_ga', '_ga_*', '_gid', '_gat*'])
    expect(names('advertising')).toEqual(['_gcl_*', '_fbp', '_fbc'])
  })
})

/** A stand-in for the loader's <script> tag (inert: the test reads its place and its attributes). */
const loaderTag = (attrs: Record<string, string>) => {
  const tag = document.createElement('script')
  tag.type = 'text/plain'
  for (const [k, v] of Object.entries(attrs)) tag.setAttribute(k, v)
  document.body.appendChild(tag)
  return tag
}

describe('config sources on the page', () => {
  const jsonBlock = (text: string) => {
    const block = document.createElement('script')
    block.type = 'application/json'
    block.id = 'nanoconsent-config'
    block.textContent = text
    document.body.appendChild(block)
  }

  it('readJsonBlock: no block is an empty config; a block before the loader is parsed; unparsable JSON (a trailing comma) is an Error', () => {
    const loader = () => loaderTag({ src: '/nanoconsent.js' })
    expect(readJsonBlock(document, loader())).toEqual({})
    document.body.innerHTML = ''
    jsonBlock('{"revision": 3, "policyUrl": "/privacy"}')
    expect(readJsonBlock(document, loader())).toEqual({ revision: 3, policyUrl: '/privacy' })
    document.body.innerHTML = ''
    jsonBlock('{"revision": 3,}')
    const error = readJsonBlock(document, loader())
    expect(error).toBeInstanceOf(Error)
    // The owner's message says what is wrong, with the parser's reason.
    expect(String(error)).toMatch(/not JSON \(SyntaxError: .+\)/)
  })

  it('readJsonBlock trusts only a <script type="application/json"> before the loader (in <head> for createConsent)', () => {
    // User content: a <div> with the id, before the loader in document order.
    document.body.innerHTML = '<div id="nanoconsent-config">{"assetsUrl": "data:text/javascript,alert(1)//"}</div>'
    expect(readJsonBlock(document, loaderTag({ src: '/nanoconsent.js' }))).toEqual({})
    // A real block, but after the loader (the loader was deferred and the block came with user content).
    document.body.innerHTML = ''
    const loader = loaderTag({ src: '/nanoconsent.js' })
    jsonBlock('{"revision": 7}')
    expect(readJsonBlock(document, loader)).toEqual({})
    // createConsent: only <head> counts.
    expect(readJsonBlock(document, null)).toEqual({})
    const head = document.createElement('script')
    head.type = 'application/json'
    head.id = 'nanoconsent-config'
    head.textContent = '{"revision": 4}'
    document.head.appendChild(head)
    expect(readJsonBlock(document, null)).toEqual({ revision: 4 })
    head.remove()
    expect(warnings).toHaveBeenCalledTimes(4)
    // Each warning points at the block it ignored: by its id in the text, or as the element itself (devtools shows it).
    const names = (args: unknown[]) => args.some((a) => (a instanceof Element ? a.id == 'nanoconsent-config' : String(a).includes('nanoconsent-config')))
    for (const args of warnings.mock.calls) expect(names(args), String(args[0])).toBe(true)
    // …and says why it was ignored.
    for (const args of warnings.mock.calls) expect(String(args[0])).toMatch(/ignored, not a JSON <script> before the loader/)
  })

  it('plain(): __proto__, constructor and prototype keys are dropped at any depth, each an error naming its path', () => {
    const parsed = JSON.parse('{"integrations": {"__proto__": {"ga4": {"id": "G-EVIL"}}, "metaPixel": {"id": "1", "constructor": {"x": 1}}}, "categories": [{"id": "a", "prototype": 1}]}')
    const clean = plain(parsed)
    expect(clean).toEqual({ integrations: { metaPixel: { id: '1' } }, categories: [{ id: 'a' }] })
    expect(Object.getPrototypeOf(clean.integrations)).toBe(Object.prototype)
    expect(readConfig([clean]).integrations).not.toHaveProperty('ga4')
    expect(errorTexts()).toEqual([
      expect.stringContaining('config "integrations.__proto__"'),
      expect.stringContaining('config "integrations.metaPixel.constructor"'),
      expect.stringMatching(/config "categories(\.0|\[0\])\.prototype"/)
    ])
  })

  it('plain(): only those exact keys are refused; a key that merely contains one is kept, and lists are copied as they are', () => {
    const parsed = { integrations: { constructorKit: { id: 'k' }, myprototype: { id: 'p' } }, valueOfDay: 1, toStringer: 2, categories: [{ id: 'a', cookies: [] }], empty: [] }
    expect(plain(parsed)).toEqual(parsed)
    expect(Array.isArray(plain(parsed).empty)).toBe(true)
    expect(errorTexts()).toEqual([])
  })

  it('readTagConfig maps every data-* attribute to the config key of its name; whole numbers become numbers; data-ga4 and data-meta-pixel are integration ids', () => {
    const tag = loaderTag({
      'data-ga4': 'G-ABC123',
      'data-meta-pixel': '123456789',
      'data-policy-url': '/privacy',
      'data-revision': '3',
      'data-locale': 'fr',
      'data-cookie-domain': '.example.com',
      'data-expires-after-days': '30',
      'data-layout': 'box',
      'data-record-url': '/consent-log'
    })
    expect(readTagConfig(tag)).toEqual({
      policyUrl: '/privacy',
      locale: 'fr',
      cookieDomain: '.example.com',
      revision: 3,
      expiresAfterDays: 30,
      layout: 'box',
      recordUrl: '/consent-log',
      integrations: { ga4: { id: 'G-ABC123' }, metaPixel: { id: '123456789' } }
    })
    // Only whole numbers: anything else is kept as given, so validation names it as written.
    expect(readTagConfig(loaderTag({ 'data-revision': '2a', 'data-expires-after-days': '1.5' }))).toEqual({ revision: '2a', expiresAfterDays: '1.5' })
    expect(readTagConfig(null)).toEqual({})
  })

  it('a typo on the tag is named like one in the JSON block', () => {
    const { config, ok } = validateConfig([{}, readTagConfig(loaderTag({ 'data-revison': '2', 'data-expires-after-days': '30' }))])
    expect(ok).toBe(true)
    expect(warningTexts()).toEqual([expect.stringMatching(/config "revison" is 2; .*did you mean "revision"/)])
    expect(config.revision).toBe(1)
    expect(config.expiresAfterDays).toBe(30)
  })

  it('data-* attributes take precedence over the JSON block (the loader lists them last)', () => {
    jsonBlock('{"revision": 2, "policyUrl": "/old", "layout": "box", "categories": ["analytics"], "integrations": {"ga4": {"id": "G-OLD111", "mode": "advanced"}}}')
    const tag = loaderTag({ 'data-revision': '5', 'data-policy-url': '/privacy', 'data-ga4': 'G-NEW222' })
    const sources = [readJsonBlock(document, tag), readTagConfig(tag)]
    for (const config of [readConfig(sources), validateConfig(sources).config]) {
      expect(config.revision).toBe(5)
      expect(config.integrations.ga4).toEqual({ id: 'G-NEW222', mode: 'advanced' })
    }
    const { config } = validateConfig(sources)
    expect(config.policyUrl).toBe('/privacy')
    expect(config.layout).toBe('box')
    expect(errors).not.toHaveBeenCalled()
  })
})
