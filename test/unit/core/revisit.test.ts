import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { click, closePage, cookieFor, preparePage, screen, settle, start, storeConsent } from './harness'

beforeEach(preparePage)
afterEach(closePage)

const revisit = () => document.querySelector<HTMLButtonElement>('button.nc-revisit')

/** The optional floating "Cookie settings" button: withdraw at any time, without the UI chunk. */
describe('revisitButton', () => {
  it('is off by default', async () => {
    storeConsent(await cookieFor([{}], { categories: { analytics: true } }))
    await start([{}])
    await settle()
    expect(revisit()).toBeNull()
  })

  it('a returning visitor gets it, without the UI chunk; it opens the preferences', async () => {
    const config = { revisitButton: true }
    storeConsent(await cookieFor([config], { categories: { analytics: true } }))
    const page = await start([config], 'n0nce')
    const { load } = page
    await settle()
    const button = revisit()!
    expect(button.textContent).toBe('Cookie settings')
    expect(button.type).toBe('button')
    // Its style carries the page's nonce, so a strict style-src allows it.
    const style = [...document.head.querySelectorAll('style')].find((s) => s.textContent!.includes('.nc-revisit'))!
    expect(style.nonce).toBe('n0nce')
    expect(load.mock.calls.map((c) => c[0])).not.toContain('ui')

    button.click()
    await settle()
    expect(load.mock.calls.map((c) => c[0])).toContain('ui')
    // The UI chunk opens the preferences, and gives focus back to the button when they close.
    expect(page.show).toHaveBeenCalledWith(expect.anything(), page.api, button)
    expect(screen.dialog()).not.toBeNull()
    expect(screen.bannerShown()).toBe(false)
    click('close')
    expect(screen.dialog()).toBeNull()
    expect(document.activeElement).toBe(button)
  })

  it('appears after the first choice, not while the banner asks, and only once', async () => {
    const { api } = await start([{ revisitButton: true }])
    await settle()
    expect(revisit()).toBeNull()
    await api.rejectAll()
    await settle()
    expect(revisit(), 'after the first choice').not.toBeNull()
    await api.acceptAll()
    await settle()
    expect(document.querySelectorAll('button.nc-revisit')).toHaveLength(1)
  })

  it('speaks the page language', async () => {
    document.documentElement.lang = 'ar'
    const { api } = await start([{ revisitButton: true }])
    await api.rejectAll()
    await settle()
    expect(revisit()!.textContent).toBe('إعدادات ملفات تعريف الارتباط')
  })
})
