import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { closePage, cookieFor, loads, preparePage, settle, start, storeConsent } from './harness'

/**
 * A first visit starts what the banner needs while the loader runs, not one
 * round trip later: ui.js, and the visitor's language when it ships. A
 * returning visit whose choice holds asks for neither.
 */

beforeEach(preparePage)
afterEach(closePage)

const fr = { banner: { title: 'Cookies sur ce site' } }

describe('a first visit', () => {
  it('imports ui.js before the document is parsed, on a page whose categories wait for DOMContentLoaded', async () => {
    Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'loading' })
    try {
      const page = await start([{ derive: true, ga4: { measurementId: 'G-TEST12345' } }])
      expect(loads(page)).toEqual(['ui'])
      expect(page.show).not.toHaveBeenCalled()
    } finally {
      delete (document as { readyState?: string }).readyState
    }
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

it('a returning visit whose choice holds imports no ui.js and fetches no language', async () => {
  document.documentElement.lang = 'fr'
  storeConsent(await cookieFor([{}], { categories: { analytics: false } }))
  const locale = vi.fn(async () => fr)
  const page = await start([{}], '', locale)
  await settle()
  expect(loads(page)).not.toContain('ui')
  expect(locale).not.toHaveBeenCalled()
})
