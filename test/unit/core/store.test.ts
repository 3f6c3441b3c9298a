import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { closePage, dataLayer, nextPage, preparePage, settle, start } from './harness'

beforeEach(preparePage)
afterEach(closePage)

const undecided = { decided: false, necessary: true, preferences: false, analytics: false, advertising: false, affiliate: false }

describe('store', () => {
  it('a first visit: nothing granted but necessary, undecided, the banner requested', async () => {
    const { api, ui } = await start()
    expect(api.get()).toEqual(undecided)
    expect(api.$consent.get()).toEqual(undecided)
    await settle()
    expect(ui.showBanner).toHaveBeenCalledOnce()
  })

  it('necessary is always true: set({ necessary: false }) cannot turn it off, in the store or the cookie', async () => {
    const page = await start()
    page.api.set({ necessary: false, analytics: true })
    await settle()
    expect(page.api.get()).toMatchObject({ decided: true, necessary: true, analytics: true })
    page.api.rejectAll()
    await settle()
    expect(page.api.get().necessary).toBe(true)
    // The next page reads the same from the cookie.
    await nextPage()
    const next = await start()
    expect(next.api.get()).toMatchObject({ decided: true, necessary: true, analytics: false })
  })

  it('unknown category names are dropped with a warning, never stored, not even after a reload', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const page = await start()
    page.api.set({ foo: true, analytics: true })
    await settle()
    expect(warn).toHaveBeenCalledWith('nanoconsent: unknown category "foo" ignored')
    expect(page.api.get()).not.toHaveProperty('foo')
    expect(page.api.record()!.categories).not.toHaveProperty('foo')
    expect(Object.keys(page.api.get()).sort()).toEqual(['advertising', 'affiliate', 'analytics', 'decided', 'necessary', 'preferences'])
    await nextPage()
    const next = await start()
    expect(next.api.get()).toEqual({ ...undecided, decided: true, analytics: true })
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
