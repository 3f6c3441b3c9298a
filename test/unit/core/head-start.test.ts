import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { closePage, cookieFor, loads, preparePage, settle, start, storeConsent } from './harness'

/**
 * The loader starts what the page will need while it runs, not one round
 * trip later and not when the page settles: on a first visit ui.js and the
 * visitor's language when it ships; on a returning visit that granted
 * something, activate.js. A returning visit that granted nothing asks for none.
 */

beforeEach(preparePage)
afterEach(closePage)

const fr = { banner: { title: 'Cookies sur ce site' } }

describe('a first visit', () => {
  it('imports ui.js before the document is parsed, on a page whose categories wait for DOMContentLoaded', async () => {
    await whileParsing(async () => {
      const page = await start(DERIVED)
      expect(loads(page)).toEqual(['ui'])
      expect(page.show).not.toHaveBeenCalled()
    })
  })

  it("fetches a shipped language together with ui.js, once, and the banner is in it", async () => {
    document.documentElement.lang = 'fr-CA'
    const locale = vi.fn(async () => fr)
    const page = await start([{}], '', locale)
    expect(locale.mock.calls).toEqual([['fr']])
    expect(loads(page)[0]).toBe('ui')
    await settle()
    expect(document.getElementById('nanoconsent-root')!.shadowRoot!.textContent).toContain('Cookies sur ce site')
  })

  it.each([
    ['English', 'en', [{}]],
    ['a language that does not ship', 'de', [{}]],
    ["a language the owner's resources hold", 'fr', [{ resources: { fr } }]]
  ])('fetches no language for %s', async (_, lang, sources) => {
    document.documentElement.lang = lang
    const locale = vi.fn(async () => null)
    await start(sources, '', locale)
    expect(locale).not.toHaveBeenCalled()
  })
})

/** A page loading in <head> whose categories are derived: it settles at DOMContentLoaded. */
async function whileParsing(run: () => Promise<void>) {
  Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'loading' })
  try {
    await run()
  } finally {
    delete (document as { readyState?: string }).readyState
  }
}
const DERIVED = [{ derive: true, ga4: { measurementId: 'G-TEST12345' } }]

describe('a returning visit on a page that settles at DOMContentLoaded', () => {
  it('that granted analytics imports activate.js before the document is parsed', () =>
    whileParsing(async () => {
      storeConsent(await cookieFor([{ categories: ['analytics'] }], { categories: { analytics: true } }, true))
      const page = await start(DERIVED)
      expect(loads(page)).toEqual(['activate'])
    }))

  it('that granted nothing imports nothing', () =>
    whileParsing(async () => {
      storeConsent(await cookieFor([{ categories: ['analytics'] }], { categories: { analytics: false } }, true))
      const page = await start(DERIVED)
      expect(loads(page)).toEqual([])
    }))
})

it('a returning visit whose choice holds imports no ui.js and fetches no language', async () => {
  document.documentElement.lang = 'fr'
  storeConsent(await cookieFor([{}], { categories: { analytics: false } }))
  const locale = vi.fn(async () => fr)
  const page = await start([{}], '', locale)
  await settle()
  expect(loads(page)).not.toContain('ui')
  expect(locale).not.toHaveBeenCalled()
})
