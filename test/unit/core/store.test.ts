import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { closePage, cookieValues, dataLayer, nextPage, preparePage, settle, start } from './harness'

beforeEach(preparePage)
afterEach(closePage)

/** The answers field of the consent cookie, as stored (format 2: `analytics|-advertising`). */
const answers = () => cookieValues()[0]!.split('.')[5]

const undecided = { decided: false, necessary: true, preferences: false, analytics: false, advertising: false, affiliate: false }

describe('store', () => {
  it('a first visit: nothing granted but necessary, undecided, the banner requested', async () => {
    const { api, ui } = await start()
    expect(api.get()).toEqual(undecided)
    expect(api.$consent.get()).toEqual(undecided)
    await settle()
    expect(ui.showBanner).toHaveBeenCalledOnce()
  })

  it('necessary is always true: set({ necessary: false }) cannot turn it off, in the store, the record or the cookie', async () => {
    const page = await start()
    await page.api.set({ necessary: false, analytics: true })
    expect(page.api.get()).toMatchObject({ decided: true, necessary: true, analytics: true })
    expect(page.api.record()!.categories.necessary).toBe(true)
    // necessary is implied in the cookie: never stored, so never stored as denied.
    expect(answers()).toBe('-preferences|analytics|-advertising|-affiliate')
    await page.api.rejectAll()
    expect(page.api.get().necessary).toBe(true)
  })

  it('…and the next page reads the same from the cookie', async () => {
    const page = await start()
    await page.api.set({ necessary: false, analytics: true })
    await nextPage()
    expect((await start()).api.get()).toEqual({ ...undecided, decided: true, analytics: true })
  })

  it('names that are not categories of the page are dropped: never in the state, the record or the cookie', async () => {
    const page = await start()
    await page.api.set({ foo: true, decided: false, constructor: true, analytics: true } as Record<string, boolean>)
    expect(page.api.get()).toEqual({ ...undecided, decided: true, analytics: true })
    expect(page.api.record()!.categories).toEqual({ necessary: true, preferences: false, analytics: true, advertising: false, affiliate: false })
    expect(answers()).toBe('-preferences|analytics|-advertising|-affiliate')
  })

  it('set() merges into the current choice', async () => {
    const { api } = await start()
    api.set({ analytics: true })
    await settle()
    api.set({ preferences: true })
    await settle()
    expect(api.get()).toEqual({ ...undecided, decided: true, analytics: true, preferences: true })
    expect(api.record()!.method).toBe('custom')
  })
})

describe('events', () => {
  it('after a choice, nanoconsent:change fires on document with { state, previous }', async () => {
    const { api } = await start()
    const heard: CustomEvent[] = []
    document.addEventListener('nanoconsent:change', (e) => heard.push(e as CustomEvent))
    api.set({ analytics: true })
    await settle()
    expect(heard).toHaveLength(1)
    expect(heard[0]!.detail).toEqual({ state: { ...undecided, decided: true, analytics: true }, previous: undecided })
  })

  it('on("change", fn) gets (state, previous); its unsubscribe stops it', async () => {
    const { api } = await start()
    const fn = vi.fn()
    const off = api.on('change', fn)
    api.set({ analytics: true })
    await settle()
    expect(fn).toHaveBeenCalledOnce()
    expect(fn).toHaveBeenCalledWith({ ...undecided, decided: true, analytics: true }, undecided)
    off()
    api.acceptAll()
    await settle()
    expect(fn).toHaveBeenCalledOnce()
  })

  it('dataLayer gets { event: "nanoconsent_update", nanoconsent: state } for each change', async () => {
    const { api } = await start()
    api.acceptAll()
    await settle()
    api.rejectAll()
    await settle()
    const updates = dataLayer().filter((e) => (e as { event?: string }).event == 'nanoconsent_update')
    expect(updates).toEqual([
      { event: 'nanoconsent_update', nanoconsent: { decided: true, necessary: true, preferences: true, analytics: true, advertising: true, affiliate: true } },
      { event: 'nanoconsent_update', nanoconsent: { ...undecided, decided: true } }
    ])
  })
})
