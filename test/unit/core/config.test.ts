import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest'
import { plain, readConfig, readJsonBlock, readTagConfig } from '../../../src/core/config'
import { validateConfig } from '../../../src/core/validate'

let errors: MockInstance<typeof console.error>
beforeEach(() => {
  errors = vi.spyOn(console, 'error').mockImplementation(() => {})
  document.body.innerHTML = ''
})
afterEach(() => vi.restoreAllMocks())

const messages = () => errors.mock.calls.map((c) => String(c[0]))

describe('validateConfig: every invalid field is reported with its path, its value and what was expected', () => {
  // [what, config sources, path, value as JSON, a phrase of the expectation]
  const cases: [string, unknown[], string, string, string][] = [
    ['unknown top-level key', [{ colour: 'red' }], 'colour', '"red"', 'one of the known keys: revision, policyUrl'],
    ['unknown nested key', [{ integrations: { ga4: { id: 'G-ABC123', tracking: true } } }], 'integrations.ga4.tracking', 'true', 'one of the known keys: id, mode'],
    ['unknown integration', [{ integrations: { hotjar: { id: '1' } } }], 'integrations.hotjar', '{"id":"1"}', 'one of the known keys: ga4, metaPixel, affiliate'],
    ['revision as a string', [{ revision: '3' }], 'revision', '"3"', 'JSON matching /^\\d{1,6}$/'],
    ['negative revision', [{ revision: -1 }], 'revision', '-1', 'JSON matching /^\\d{1,6}$/'],
    ['fractional revision', [{ revision: 1.5 }], 'revision', '1.5', 'JSON matching /^\\d{1,6}$/'],
    ['a Universal Analytics id for GA4', [{ integrations: { ga4: { id: 'UA-123' } } }], 'integrations.ga4.id', '"UA-123"', 'JSON matching /^"G-[A-Z\\d]{4,16}"$/'],
    ['unknown GA4 mode', [{ integrations: { ga4: { id: 'G-ABC123', mode: 'full' } } }], 'integrations.ga4.mode', '"full"', '(basic|advanced)'],
    ['a Meta pixel id with letters', [{ integrations: { metaPixel: { id: 'abc' } } }], 'integrations.metaPixel.id', '"abc"', 'JSON matching /^"\\d{5,20}"$/'],
    ['a javascript: policy URL', [{ policyUrl: 'javascript:alert(1)' }], 'policyUrl', '"javascript:alert(1)"', 'JSON matching /^"(https?:'],
    ['unknown layout', [{ layout: 'left' }], 'layout', '"left"', '(bar|box)'],
    ['unknown theme', [{ theme: 'blue' }], 'theme', '"blue"', '(auto|light|dark)'],
    ['expiresAfterDays 0', [{ expiresAfterDays: 0 }], 'expiresAfterDays', '0', 'JSON matching /^([1-9]'],
    ['expiresAfterDays 400', [{ expiresAfterDays: 400 }], 'expiresAfterDays', '400', 'JSON matching /^([1-9]'],
    ['categories not a list', [{ categories: 'analytics' }], 'categories', '"analytics"', 'a list'],
    ['a category that is not an object', [{ categories: [{ id: 'necessary' }, 'analytics'] }], 'categories[1]', '"analytics"', 'an object'],
    ['a duplicate category id', [{ categories: [{ id: 'necessary' }, { id: 'analytics' }, { id: 'analytics' }] }], 'categories', '"analytics"', 'each id once'],
    ['a category id with upper case', [{ categories: [{ id: 'necessary' }, { id: 'Analytics' }] }], 'categories[1].id', '"Analytics"', 'JSON matching /^"(?!(constructor|decided)")[a-z]'],
    ['a category named constructor', [{ categories: [{ id: 'necessary' }, { id: 'constructor' }] }], 'categories[1].id', '"constructor"', '(?!(constructor|decided)")'],
    ['a category named decided', [{ categories: [{ id: 'necessary' }, { id: 'decided' }] }], 'categories[1].id', '"decided"', '(?!(constructor|decided)")'],
    [
      'GA4 configured while the analytics category is removed',
      [{ categories: [{ id: 'necessary' }, { id: 'advertising' }], integrations: { ga4: { id: 'G-ABC123' } } }],
      'integrations.ga4',
      '{"id":"G-ABC123"}',
      'a category "analytics" in categories'
    ],
    ['the Meta pixel without an id', [{ integrations: { metaPixel: {} } }], 'integrations.metaPixel', '{}', 'a "id", and a category "advertising"'],
    ['an affiliate pixel with a data: URL', [{ integrations: { affiliate: { pixels: ['data:image/gif;base64,R0lGOD'] } } }], 'integrations.affiliate.pixels[0]', '"data:image/gif;base64,R0lGOD"', 'JSON matching /^"(https?:'],
    ['affiliate cookie kept 90 days', [{ integrations: { affiliate: { days: 90 } } }], 'integrations.affiliate.days', '90', '30)$/'],
    ['strings with a number value', [{ strings: { en: { 'banner.title': 3 } } }], 'strings', '{"en":{"banner.title":3}}', 'JSON matching /^\\{'],
    ['respectGpc "yes"', [{ respectGpc: 'yes' }], 'respectGpc', '"yes"', 'JSON matching /^(true|false)$/'],
    ['reloadOnRevoke 1', [{ reloadOnRevoke: 1 }], 'reloadOnRevoke', '1', 'JSON matching /^(true|false)$/'],
    ['a cookie name with a space', [{ cookieName: 'my cookie' }], 'cookieName', '"my cookie"', 'JSON matching /^"[\\w-]{1,64}"$/'],
    ['a data: record URL', [{ recordUrl: 'data:text/plain,x' }], 'recordUrl', '"data:text/plain,x"', 'JSON matching /^"(https?:'],
    ['a config that is not an object', [42], '', '42', 'an object'],
    ['a config block that is not JSON', [Error('not JSON (SyntaxError: Unexpected token)')], '#nanoconsent-config', '"not JSON (SyntaxError: Unexpected token)"', 'valid JSON']
  ]

  it('has at least 20 cases', () => expect(cases.length).toBeGreaterThanOrEqual(20))

  it.each(cases)('%s', (_, sources, path, value, expected) => {
    const { ok } = validateConfig(sources)
    expect(ok).toBe(false)
    const message = messages().find((m) => m.startsWith(`nanoconsent: config "${path}" is `))
    expect(message, messages().join('\n')).toBeDefined()
    expect(message).toContain(`config "${path}" is ${value}; expected `)
    expect(message).toContain(expected)
  })

  it('a valid config reports nothing and keeps every field', () => {
    const source = {
      revision: 3,
      policyUrl: '/privacy',
      layout: 'box',
      expiresAfterDays: 395,
      integrations: { ga4: { id: 'G-ABC123', mode: 'advanced' }, metaPixel: { id: '123456789' }, affiliate: { pixels: ['https://aff.example/p?c={click}'], days: 30 } },
      strings: { fr: { 'banner.title': 'Cookies "ici"' } }
    }
    const { config, ok } = validateConfig([source])
    expect(errors).not.toHaveBeenCalled()
    expect(ok).toBe(true)
    expect(config).toMatchObject(source)
  })

  it('an invalid field is dropped: its default stands', () => {
    const { config } = validateConfig([{ layout: 'left', revision: '3', integrations: { ga4: { id: 'UA-123' } } }])
    expect(config.layout).toBe('bar')
    expect(config.revision).toBe(1)
    expect(config.integrations.ga4).toBeUndefined()
  })

  it('a vendor’s cookies join its category, for the preferences table and for deletion on revoke', () => {
    const { config } = validateConfig([{ integrations: { ga4: { id: 'G-ABC123' }, metaPixel: { id: '123456789' } } }])
    const names = (id: string) => config.categories.find((c) => c.id == id)!.cookies.map((c) => c.name)
    expect(names('necessary')).toEqual(['nanoconsent'])
    expect(names('analytics')).toEqual(['_ga', '_ga_*', '_gid', '_gat*'])
    expect(names('advertising')).toEqual(['_gcl_*', '_fbp', '_fbc'])
  })
})

describe('config sources on the page', () => {
  const loaderTag = (attrs: Record<string, string>) => {
    const tag = document.createElement('script')
    for (const [k, v] of Object.entries(attrs)) tag.setAttribute(k, v)
    document.body.appendChild(tag)
    return tag
  }
  const jsonBlock = (text: string) => {
    const block = document.createElement('script')
    block.type = 'application/json'
    block.id = 'nanoconsent-config'
    block.textContent = text
    document.body.appendChild(block)
  }

  it('readJsonBlock: no block is an empty config; a block before the loader is parsed; unparsable JSON is an Error', () => {
    const loader = () => loaderTag({ src: '/nanoconsent.js' })
    expect(readJsonBlock(document, loader())).toEqual({})
    document.body.innerHTML = ''
    jsonBlock('{"revision": 3, "policyUrl": "/privacy"}')
    expect(readJsonBlock(document, loader())).toEqual({ revision: 3, policyUrl: '/privacy' })
    document.body.innerHTML = ''
    jsonBlock('{"revision": 3,}')
    const result = readJsonBlock(document, loader())
    expect(result).toBeInstanceOf(Error)
    validateConfig([result])
    expect(messages()[0]).toMatch(/^nanoconsent: config "#nanoconsent-config" is "not JSON \(SyntaxError: .+\)"; expected valid JSON$/)
  })

  it('readJsonBlock trusts only a <script type="application/json"> before the loader (in <head> for createConsent)', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
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
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual(Array(4).fill('nanoconsent: ignored an element with id="nanoconsent-config": the config is a <script type="application/json"> before the loader'))
  })

  it('plain(): __proto__, constructor and prototype keys are dropped at any depth, each a named error', () => {
    const parsed = JSON.parse('{"integrations": {"__proto__": {"ga4": {"id": "G-EVIL"}}, "metaPixel": {"id": "1", "constructor": {"x": 1}}}, "categories": [{"id": "a", "prototype": 1}]}')
    const clean = plain(parsed)
    expect(clean).toEqual({ integrations: { metaPixel: { id: '1' } }, categories: [{ id: 'a' }] })
    expect(Object.getPrototypeOf(clean.integrations)).toBe(Object.prototype)
    expect(readConfig([clean]).config.integrations).not.toHaveProperty('ga4')
    expect(messages()).toEqual([
      'nanoconsent: config "integrations.__proto__" is not allowed',
      'nanoconsent: config "integrations.metaPixel.constructor" is not allowed',
      'nanoconsent: config "categories[0].prototype" is not allowed'
    ])
  })

  it('readTagConfig maps data-* attributes to config keys', () => {
    const tag = loaderTag({ 'data-ga4': 'G-ABC123', 'data-meta-pixel': '123456789', 'data-policy-url': '/privacy', 'data-revision': '3', 'data-locale': 'fr', 'data-cookie-domain': '.example.com' })
    expect(readTagConfig(tag)).toEqual({
      policyUrl: '/privacy',
      locale: 'fr',
      cookieDomain: '.example.com',
      revision: 3,
      integrations: { ga4: { id: 'G-ABC123' }, metaPixel: { id: '123456789' } }
    })
    expect(readTagConfig(null)).toEqual({})
  })

  it('data-* attributes take precedence over the JSON block (the loader lists them last)', () => {
    jsonBlock('{"revision": 2, "policyUrl": "/old", "layout": "box", "integrations": {"ga4": {"id": "G-OLD111", "mode": "advanced"}}}')
    const tag = loaderTag({ 'data-revision': '5', 'data-policy-url': '/privacy', 'data-ga4': 'G-NEW222' })
    const sources = [readJsonBlock(document, tag), readTagConfig(tag)]
    for (const { config } of [readConfig(sources), validateConfig(sources)]) {
      expect(config.revision).toBe(5)
      expect(config.policyUrl).toBe('/privacy')
      expect(config.layout).toBe('box')
      // Integration settings merge field by field: the tag's id, the block's mode.
      expect(config.integrations.ga4).toEqual({ id: 'G-NEW222', mode: 'advanced' })
    }
    expect(errors).not.toHaveBeenCalled()
  })

  it('data-revision="abc" is reported as given', () => {
    const { ok } = validateConfig([{}, readTagConfig(loaderTag({ 'data-revision': 'abc' }))])
    expect(ok).toBe(false)
    expect(messages()).toEqual(['nanoconsent: config "revision" is "abc"; expected JSON matching /^\\d{1,6}$/'])
  })

  it('the fingerprint changes with the categories and integrations, and can never match after a parse error', () => {
    const base = readConfig([{}]).fingerprint
    expect(readConfig([{ layout: 'box' }, {}]).fingerprint).toBe(readConfig([{ layout: 'box' }]).fingerprint)
    expect(readConfig([{ categories: [{ id: 'necessary' }, { id: 'analytics' }] }]).fingerprint).not.toBe(base)
    expect(readConfig([{ integrations: { ga4: { id: 'G-ABC123' } } }]).fingerprint).not.toBe(base)
    expect(readConfig([Error('x')]).fingerprint).not.toBe(readConfig([Error('x')]).fingerprint)
  })
})
