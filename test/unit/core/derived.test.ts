import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { asked, chunkFailures, click, closePage, cookieFor, loads, network, nextPage, preparePage, screen, settle, start, storeConsent, uiCore } from './harness'

/**
 * A page whose owner lists no categories asks about those it uses: the
 * built-in categories its integrations need and its marked tags name, in
 * the built-in order. A visitor who answered them is not asked again; a
 * page that needs one never answered asks for it and runs nothing until
 * then (the consent-integrity rule).
 */

beforeEach(preparePage)
afterEach(closePage)

const GA4 = { integrations: { ga4: { id: 'G-ABC123' } } }
const GTAG = 'googletagmanager.com/gtag/js'
const requested = (part: string) => network.requested.some((u) => u.includes(part))
const derive = (source: object = GA4) => [{ derive: true, ...source }]
/** The Consent Mode commands pushed so far. */
const consentCommands = () => (window.dataLayer as IArguments[]).filter((e) => e[0] == 'consent').map((e) => [e[1], e[2].analytics_storage])

describe('categories derived from the page', () => {
  it('a GA4-only page asks about analytics alone', async () => {
    const page = await start(derive())
    await settle()
    expect(page.api.get()).toEqual({ decided: false, necessary: true, analytics: false })
    expect(asked(page)).toBe(true)
    expect(uiCore(page).config.categories.map((c) => c.id)).toEqual(['necessary', 'analytics'])
  })

  it('marked tags add the built-in categories they name, fallbacks too, in the built-in order; unknown names are not asked about', async () => {
    document.body.innerHTML = `
      <script type="text/plain" data-category="advertising" data-src="https://ads.example/a.js"></script>
      <p data-category="!preferences">Accept preferences to see this</p>
      <img data-category="videos" data-src="https://v.example/p.gif">`
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const page = await start(derive({ integrations: { affiliate: {}, ga4: { id: 'G-ABC123' } } }))
    await settle()
    expect(Object.keys(page.api.get())).toEqual(['decided', 'necessary', 'preferences', 'analytics', 'advertising', 'affiliate'])
    // The gate names the tag's unknown category for the owner; it stays inert.
    expect(warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('"videos"'))).toHaveLength(1)
  })

  it('a listed category turns derivation off: the owner’s list is the page’s', async () => {
    document.body.innerHTML = `<script type="text/plain" data-category="advertising" data-src="https://ads.example/a.js"></script>`
    const page = await start([{ ...GA4, categories: ['analytics'] }])
    await settle()
    expect(Object.keys(page.api.get())).toEqual(['decided', 'necessary', 'analytics'])
  })

  it('a visitor who answered analytics is not asked on the next GA4 page, and GA4 loads', async () => {
    const first = await start(derive())
    await first.api.acceptAll()
    await settle()
    await nextPage()
    network.requested.length = 0
    const page = await start(derive())
    await settle()
    expect(page.api.get()).toEqual({ decided: true, necessary: true, analytics: true })
    expect(asked(page)).toBe(false)
    expect(requested(GTAG)).toBe(true)
  })

  it('a page that needs a category never answered asks for it, says it was added, and runs nothing until answered', async () => {
    storeConsent(await cookieFor([{ categories: ['analytics'] }], { categories: { analytics: true } }))
    document.body.innerHTML = `<script type="text/plain" data-category="advertising" data-src="https://ads.example/a.js"></script>`
    const page = await start(derive())
    await settle()
    expect(page.api.get()).toEqual({ decided: false, necessary: true, analytics: false, advertising: false })
    expect(requested(GTAG)).toBe(false)
    expect(screen.bannerShown()).toBe(true)
    expect(uiCore(page).notices.added).toEqual(['advertising'])
  })
})

describe('derived categories while change.js cannot load', () => {
  it('the preferences list the categories the page uses, each with its switch, and no cookies made up', async () => {
    chunkFailures.change = Infinity
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    document.body.innerHTML = '<img data-category="analytics" data-src="https://px.test/a.gif" alt="">'
    await start(derive({}))
    await settle()
    click('customize')
    const rows = [...screen.dialog()!.querySelectorAll<HTMLElement>('[data-category]')]
    expect(rows.map((r) => [r.dataset.category, !!r.querySelector('input[role="switch"]'), !!r.querySelector('details')])).toEqual([
      ['necessary', true, false],
      ['analytics', true, false]
    ])
    // What kept the owner's cookie tables away: the failed imports of change.js, each reported.
    expect(error.mock.calls.length).toBeGreaterThan(0)
    for (const c of error.mock.calls) expect(String(c[1])).toMatch(/\/nc\/change\.js/)
  })
})

describe('a loader in <head> runs before the marked tags are parsed', () => {
  let readyState: PropertyDescriptor | undefined
  beforeEach(() => {
    readyState = Object.getOwnPropertyDescriptor(document, 'readyState')
    Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'loading' })
  })
  afterEach(() => {
    if (readyState) Object.defineProperty(document, 'readyState', readyState)
    else delete (document as { readyState?: string }).readyState
  })
  const parsed = async (html: string) => {
    document.body.innerHTML = html
    Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'interactive' })
    document.dispatchEvent(new Event('DOMContentLoaded'))
    Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'complete' })
    window.dispatchEvent(new Event('load'))
    await settle()
  }

  it('a returning visitor: denied until the page is parsed, then one Consent Mode update; no change chunk, no change event', async () => {
    storeConsent(await cookieFor([{ categories: ['analytics'] }], { categories: { analytics: true } }))
    const page = await start(derive())
    const changed = vi.fn()
    page.api.on('change', changed)
    expect(page.api.get().analytics).toBe(false)
    expect(consentCommands()).toEqual([['default', 'denied']])
    await settle()
    expect(requested(GTAG)).toBe(false)

    await parsed('<p>content</p>')
    expect(page.api.get()).toEqual({ decided: true, necessary: true, analytics: true })
    expect(consentCommands()).toEqual([
      ['default', 'denied'],
      ['update', 'granted']
    ])
    expect(requested(GTAG)).toBe(true)
    expect(loads(page)).not.toContain('change')
    expect(changed).not.toHaveBeenCalled()
    expect(asked(page)).toBe(false)
  })

  it('a tag parsed after the loader that names an unanswered category: asked, and nothing was ever granted on the page', async () => {
    storeConsent(await cookieFor([{ categories: ['analytics'] }], { categories: { analytics: true } }))
    const page = await start(derive())
    await parsed('<script type="text/plain" data-category="advertising" data-src="https://ads.example/a.js"></script>')
    expect(page.api.get()).toEqual({ decided: false, necessary: true, analytics: false, advertising: false })
    expect(consentCommands()).toEqual([['default', 'denied']])
    expect(requested(GTAG)).toBe(false)
    expect(screen.bannerShown()).toBe(true)
  })
})
