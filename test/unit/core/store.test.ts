import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { asked, closePage, cookieValues, nextPage, preparePage, screen, settle, start } from './harness'

beforeEach(preparePage)
afterEach(closePage)

/** The answers field of the consent cookie, as stored (format 2: `analytics|-advertising`). */
const answers = () => cookieValues()[0]!.split('.')[5]

const undecided = { decided: false, necessary: true, preferences: false, analytics: false, advertising: false, affiliate: false }

describe('store', () => {
  it('a first visit: nothing granted but necessary, undecided, the banner shown', async () => {
    const page = await start()
    expect(page.api.get()).toEqual(undecided)
    expect(page.api.$consent.get()).toEqual(undecided)
    await settle()
    expect(asked(page)).toBe(true)
    expect(page.show).toHaveBeenCalledOnce()
    expect(screen.bannerShown()).toBe(true)
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
