import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { closePage, cookieFor, cookieJar, network, preparePage, settle, start, storeConsent } from './harness'

beforeEach(preparePage)
afterEach(closePage)

const granted = { preferences: true, analytics: true, advertising: true, affiliate: true }
const denied = { decided: false, necessary: true, preferences: false, analytics: false, advertising: false, affiliate: false }
const good = { revision: 3, integrations: { ga4: { id: 'G-ABC123' }, metaPixel: { id: '123456789' } } }

/**
 * A config with any error: nothing is granted or stored, and a cookie that
 * was valid for the same config without the error is void.
 */
/** Every category but necessary denied, and no choice. */
const nothingGranted = (state: Record<string, boolean>) => {
  expect(state.decided).toBe(false)
  for (const [id, on] of Object.entries(state)) if (id != 'decided') expect(on, id).toBe(id == 'necessary')
}

describe('fail closed: a config with an error in what decides what runs voids the stored choice', () => {
  const bad: [string, unknown[]][] = [
    ['revision "3" (a string)', [{ ...good, revision: '3' }]],
    ['a Universal Analytics id', [{ ...good, integrations: { ...good.integrations, ga4: { id: 'UA-123' } } }]],
    ['an unknown GA4 key', [{ ...good, integrations: { ...good.integrations, ga4: { id: 'G-ABC123', debug: true } } }]],
    ['a Meta pixel id with letters', [{ ...good, integrations: { ...good.integrations, metaPixel: { id: 'abc' } } }]],
    ['a duplicate category', [{ ...good, categories: [{ id: 'necessary' }, { id: 'analytics' }, { id: 'advertising' }, { id: 'analytics' }] }]],
    ['a category id with upper case', [{ ...good, categories: [{ id: 'necessary' }, { id: 'Analytics' }] }]],
    ['expiresAfterDays 0', [{ ...good, expiresAfterDays: 0 }]],
    ['expiresAfterDays 400 (over the 13-month maximum)', [{ ...good, expiresAfterDays: 400 }]],
    ['an unknown top-level key (a typo of respectGpc)', [{ ...good, respectGPC: false }]],
    ['reloadOnRevoke given as text', [{ ...good, reloadOnRevoke: 'no' }]],
    ['an unparsable JSON block', [good, Error('not JSON (SyntaxError)')]]
  ]

  it.each(bad)('%s: the cookie is void, no tracker loads, the banner shows, accept all stores nothing', async (_, sources) => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const valid = await cookieFor([good], { categories: granted })
    storeConsent(valid)
    document.body.innerHTML = '<script type="text/plain" data-category="analytics">window.log.push("analytics ran")</script>'
    const { api, ui } = await start(sources)
    nothingGranted(api.get())
    await settle()
    expect(ui.showBanner).toHaveBeenCalled()
    expect(network.requested).toEqual([])
    expect(document.querySelectorAll('script[src]')).toHaveLength(0)
    expect((window as unknown as { log: string[] }).log).toEqual([])

    api.acceptAll()
    await settle()
    nothingGranted(api.get())
    expect(api.record()).toBeNull()
    expect(cookieJar().nanoconsent).toBe(valid)
    expect(network.requested).toEqual([])
    expect((window as unknown as { log: string[] }).log).toEqual([])
    expect(errors).toHaveBeenCalledWith('nanoconsent: choice not applied: the config has errors (see above)')
  })

  it('the same cookie under the good config does grant (the cases above fail for their error alone)', async () => {
    storeConsent(await cookieFor([good], { categories: granted }))
    const { api, ui } = await start([good])
    expect(api.get()).toEqual({ ...denied, ...granted, decided: true })
    await settle()
    expect(ui.showBanner).not.toHaveBeenCalled()
  })

  it('a first visit under a bad config: accept all stores no cookie and grants nothing', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const { api } = await start([{ layout: 'left' }])
    api.acceptAll()
    await settle()
    expect(api.get()).toEqual(denied)
    expect(cookieJar()).not.toHaveProperty('nanoconsent')
  })
})

/**
 * Presentation fields (layout, policyUrl, strings…) are outside the
 * fingerprint: they cannot grant anything, and changing them must not
 * re-ask every visitor (config.ts). A stored choice holds; a new choice is
 * still refused while the error stands, and the error is reported.
 */
describe('fail closed: an error in a presentation field', () => {
  it('a stored choice holds when only the presentation changed', async () => {
    storeConsent(await cookieFor([good], { categories: { analytics: true } }))
    const { api } = await start([{ ...good, layout: 'box', theme: 'dark', policyUrl: '/new-privacy' }])
    expect(api.get().analytics).toBe(true)
  })

  it.each([
    ['an invalid layout', { layout: 'left' }],
    ['a javascript: policy URL', { policyUrl: 'javascript:alert(1)' }]
  ])('%s: a new choice is not stored, and the error is reported', async (_, extra) => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const valid = await cookieFor([good], { categories: { analytics: true } })
    storeConsent(valid)
    const { api } = await start([{ ...good, ...extra }])
    api.acceptAll()
    await settle()
    expect(api.get().advertising).toBe(false)
    expect(cookieJar().nanoconsent).toBe(valid)
    expect(errors.mock.calls.map((c) => String(c[0]))).toContain('nanoconsent: choice not applied: the config has errors (see above)')
  })
})
