import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { closePage, cookieFor, loads, preparePage, settle, start, storeConsent, uiCore } from './harness'

/**
 * Edges of the loader (core/create.ts) that mutation testing found
 * unguarded: where exactly a choice expires, whose locale a record carries,
 * when activate.js is not needed, fallback tags added after load, the
 * "Cookie settings" links, and a chunk's work that throws.
 */

beforeEach(preparePage)
afterEach(closePage)

const DAY = 864e5
const rejected = { preferences: false, analytics: false, advertising: false, affiliate: false }

describe('a choice expires exactly expiresAfterDays after it was made', () => {
  const TIME = Date.UTC(2026, 10, 1, 12)
  it.each([
    ['one millisecond before', true, 10 * DAY - 1],
    ['at the very millisecond', false, 10 * DAY]
  ])('%s: decided is %s', async (_, decided, age) => {
    storeConsent(await cookieFor([{}], { categories: rejected, time: TIME }))
    vi.spyOn(Date, 'now').mockReturnValue(TIME + age)
    const { api } = await start([{ expiresAfterDays: 10 }])
    await settle()
    expect(api.get().decided).toBe(decided)
  })
})

describe('the record of a choice made through the API', () => {
  it("carries the config's locale over the page's language", async () => {
    document.documentElement.lang = 'en'
    const { api } = await start([{ locale: 'fr' }])
    await api.set({ analytics: true })
    expect(api.record()!.locale).toBe('fr')
  })
})

describe('activate.js on a returning visit with nothing granted', () => {
  it.each([
    ['affiliate configured, no query string', [{ integrations: { affiliate: { pixels: ['https://aff.test/p.gif?c={click}'] } } }], '/'],
    ['a query string, no affiliate', [{}], '/?utm_source=x']
  ])('%s: not loaded (no click id to keep)', async (_, sources, url) => {
    history.replaceState(null, '', url)
    storeConsent(await cookieFor(sources, { categories: rejected }))
    const page = await start(sources)
    await settle()
    expect(page.api.get().decided).toBe(true)
    expect(loads(page)).toEqual([])
  })

  it('a `!category` fallback added later, deep in the page, loads it and the fallback runs', async () => {
    storeConsent(await cookieFor([{}], { categories: rejected }))
    const page = await start([{}])
    await settle()
    expect(loads(page)).toEqual([])
    const fallback = document.createElement('script')
    fallback.type = 'text/plain'
    fallback.dataset.category = '!analytics'
    fallback.text = 'window.__fallbackRan = (window.__fallbackRan || 0) + 1'
    const wrapper = document.createElement('div')
    document.body.append(wrapper)
    wrapper.append(fallback)
    await settle()
    expect(loads(page)).toEqual(['activate'])
    expect((window as { __fallbackRan?: number }).__fallbackRan).toBe(1)
  })
})

describe('"Cookie settings" links (data-nanoconsent="open-preferences")', () => {
  it('a click inside one opens the preferences with the link as opener, and does not follow it', async () => {
    storeConsent(await cookieFor([{}], { categories: rejected }))
    const page = await start([{}])
    await settle()
    document.body.innerHTML = '<a href="#elsewhere" data-nanoconsent="open-preferences"><span>Cookie settings</span></a>'
    const link = document.querySelector('a')!
    const followed = document.querySelector('span')!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))
    await settle()
    expect(followed).toBe(false)
    expect(page.show).toHaveBeenCalledWith(expect.anything(), page.api, link)
  })

  it('a click on another element, or on the document itself, is left alone', async () => {
    storeConsent(await cookieFor([{}], { categories: rejected }))
    const page = await start([{}])
    await settle()
    const errors: unknown[] = []
    const onError = (e: ErrorEvent) => errors.push(e.error)
    window.addEventListener('error', onError)
    document.body.innerHTML = '<a href="#x">Other</a>'
    expect(document.querySelector('a')!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))).toBe(true)
    expect(document.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))).toBe(true)
    await settle()
    window.removeEventListener('error', onError)
    expect(errors).toEqual([])
    expect(page.show).not.toHaveBeenCalled()
  })
})

describe("a chunk's work that throws", () => {
  it('is reported with the nanoconsent: prefix, and the work queued after it still runs', async () => {
    const page = await start([{}])
    await settle()
    const core = uiCore(page)
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const boom = new Error('boom')
    const after = vi.fn()
    core.change(() => {
      throw boom
    })
    await core.change(after)
    expect(after).toHaveBeenCalled()
    expect(error).toHaveBeenCalledWith('nanoconsent:', boom)
  })
})
