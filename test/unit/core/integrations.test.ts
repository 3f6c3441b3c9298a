import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Core } from '../../../src/core/core'
import { closePage, cookieFor, cookieJar, network, preparePage, settle, start, storeConsent } from './harness'

let said: string[] = []
beforeEach(() => {
  preparePage()
  said = []
  vi.spyOn(console, 'error').mockImplementation((m) => void said.push(`error: ${m}`))
  vi.spyOn(console, 'warn').mockImplementation((m) => void said.push(`warn: ${m}`))
})
afterEach(closePage)

const FBEVENTS = 'https://connect.facebook.net/en_US/fbevents.js'
type Fbq = { queue: unknown[][] }
const fbq = () => (window as unknown as { fbq?: Fbq }).fbq
const log = () => (window as unknown as { log: string[] }).log

describe('Meta pixel', () => {
  const meta = [{ reloadOnRevoke: false, integrations: { metaPixel: { id: '123456789' } } }]

  it('nothing before advertising is granted: no fbq, no fbevents.js', async () => {
    const { api } = await start(meta)
    api.set({ analytics: true })
    await settle()
    expect(fbq()).toBeUndefined()
    expect(network.requested).not.toContain(FBEVENTS)
  })

  it('on grant: consent grant, init <id>, track PageView, then fbevents.js is injected', async () => {
    // fbevents.js reports the queue it finds when it runs.
    network.files[FBEVENTS] = 'window.log.push(JSON.stringify(window.fbq.queue))'
    const { api } = await start(meta)
    api.set({ advertising: true })
    await settle()
    const expected = [
      ['consent', 'grant'],
      ['init', '123456789'],
      ['track', 'PageView']
    ]
    expect(fbq()!.queue).toEqual(expected)
    expect(log()).toEqual([JSON.stringify(expected)])
    expect(document.querySelectorAll(`script[src="${FBEVENTS}"]`)).toHaveLength(1)
  })

  it('a returning visitor with advertising granted: consent grant before init, as on the first page', async () => {
    network.files[FBEVENTS] = 'window.log.push(JSON.stringify(window.fbq.queue))'
    storeConsent(await cookieFor(meta, { categories: { advertising: true } }))
    await start(meta)
    await settle()
    const expected = [
      ['consent', 'grant'],
      ['init', '123456789'],
      ['track', 'PageView']
    ]
    expect(fbq()!.queue).toEqual(expected)
    expect(log()).toEqual([JSON.stringify(expected)])
  })

  // Meta's base code, as fbevents.js expects it; a page that already pasted it keeps its own queue.
  it('a page’s own fbq (its pasted base code), with the events it queued, is kept', async () => {
    const own = Object.assign((...args: unknown[]) => void own.queue.push(args), { queue: [['track', 'ViewContent']] as unknown[][] })
    ;(window as unknown as { fbq: unknown }).fbq = own
    const { api } = await start(meta)
    await api.set({ advertising: true })
    await settle()
    expect(fbq()).toBe(own)
    expect(own.queue).toEqual([['track', 'ViewContent'], ['consent', 'grant'], ['init', '123456789'], ['track', 'PageView']])
  })

  it('…and on a page without one, ours is Meta’s base code as fbevents.js reads it: loaded, version 2.0', async () => {
    const { api } = await start(meta)
    await api.set({ advertising: true })
    await settle()
    const base = fbq() as unknown as { loaded: unknown; version: unknown }
    expect([base.loaded, base.version]).toEqual([true, '2.0'])
  })

  it('on withdrawal: fbq("consent", "revoke")', async () => {
    const { api } = await start(meta)
    await api.set({ advertising: true })
    await settle()
    await api.set({ advertising: false })
    await settle()
    expect(fbq()!.queue).toEqual([['consent', 'grant'], ['init', '123456789'], ['track', 'PageView'], ['consent', 'revoke']])
  })
})

describe('affiliate', () => {
  const PIXEL = 'https://aff.example/p.gif?c={click}&s=shop'
  const aff = [{ reloadOnRevoke: false, integrations: { affiliate: { pixels: [PIXEL] } } }]
  let images: string[]
  let cookieWrites: unknown[]

  beforeEach(() => {
    images = []
    vi.stubGlobal(
      'Image',
      class {
        set src(v: string) {
          images.push(v)
        }
      }
    )
    // The spy calls through: cookies are still written.
    const setter = vi.spyOn(document, 'cookie', 'set')
    cookieWrites = setter.mock.calls
  })

  it('the click id leaves the address bar before any choice and is not stored before consent', async () => {
    history.replaceState(null, '', '/landing?x=1&aff_id=CLICK%2042#top')
    const { api } = await start(aff)
    await settle()
    expect(location.pathname + location.search + location.hash).toBe('/landing?x=1#top')
    api.set({ analytics: true })
    await settle()
    expect(cookieJar()).not.toHaveProperty('aff_id')
    expect(cookieWrites.map(String).filter((w) => w.startsWith('aff_id='))).toEqual([])
    expect(images).toEqual([])
  })

  it('after affiliate grant: stored in cookie aff_id for at most 30 days; pixels fire with {click} filled in', async () => {
    history.replaceState(null, '', '/landing?aff_id=CLICK%2042')
    const { api } = await start(aff)
    await settle()
    const before = Date.now()
    api.set({ affiliate: true })
    await settle()
    expect(cookieJar().aff_id).toBe('CLICK%2042')
    const write = cookieWrites.map(String).find((w) => w.startsWith('aff_id='))!
    const expires = Date.parse(/expires=([^;]+)/.exec(write)![1]!)
    expect(expires).toBeGreaterThan(before + 29 * 864e5)
    expect(expires).toBeLessThanOrEqual(Date.now() + 30 * 864e5)
    expect(images).toEqual(['https://aff.example/p.gif?c=CLICK%2042&s=shop'])
  })

  it('a returning visitor: the pixel uses the stored click id', async () => {
    document.cookie = 'aff_id=OLD%2F1; path=/'
    storeConsent(await cookieFor(aff, { categories: { affiliate: true } }))
    await start(aff)
    await settle()
    expect(images).toEqual(['https://aff.example/p.gif?c=OLD%2F1&s=shop'])
  })

  it('days over 30 are clamped to 30, with a warning naming the key; the pixels still fire', async () => {
    history.replaceState(null, '', '/landing?aff_id=C1')
    const { api } = await start([{ reloadOnRevoke: false, integrations: { affiliate: { pixels: [PIXEL], days: 90 } } }])
    await settle()
    const before = Date.now()
    await api.set({ affiliate: true })
    await settle()
    const write = cookieWrites.map(String).find((w) => w.startsWith('aff_id='))!
    expect(Date.parse(/expires=([^;]+)/.exec(write)![1]!)).toBeLessThanOrEqual(before + 30 * 864e5 + 1000)
    expect(said).toEqual([expect.stringMatching(/^warn: .*"integrations\.affiliate\.days" is 90.*30/)])
    expect(images).toEqual(['https://aff.example/p.gif?c=C1&s=shop'])
  })

  it('on withdrawal the click id cookie is deleted, under its configured name too', async () => {
    for (const cookie of [undefined, 'ref_id']) {
      history.replaceState(null, '', '/landing?aff_id=C9')
      const { api } = await start([{ reloadOnRevoke: false, integrations: { affiliate: { pixels: [PIXEL], ...(cookie ? { cookie } : {}) } } }])
      await api.set({ affiliate: true })
      await settle()
      expect(cookieJar()[cookie || 'aff_id']).toBe('C9')
      await api.set({ affiliate: false })
      await settle()
      expect(cookieJar()).not.toHaveProperty(cookie || 'aff_id')
      await closePage()
      preparePage()
    }
  })

  it('without a click id: the address is left exactly as it was, no cookie is written, and the pixel gets an empty {click}', async () => {
    history.replaceState(null, '', '/search?q=a%20b&page=2')
    const { api } = await start(aff)
    await settle()
    expect(location.search).toBe('?q=a%20b&page=2')
    await api.set({ affiliate: true })
    await settle()
    expect(cookieWrites.map(String).filter((w) => w.startsWith('aff_id='))).toEqual([])
    expect(images).toEqual(['https://aff.example/p.gif?c=&s=shop'])
  })

  it('with no pixels configured, nothing is requested', async () => {
    history.replaceState(null, '', '/?aff_id=C2')
    const { api } = await start([{ reloadOnRevoke: false, integrations: { affiliate: {} } }])
    await api.set({ affiliate: true })
    await settle()
    expect(images).toEqual([])
    expect(cookieJar().aff_id).toBe('C2')
  })

  it('the manifest caps what it is given anyway', async () => {
    history.replaceState(null, '', '/?ref=C1')
    const { affiliate } = await import('../../../src/core/integrations/affiliate')
    const setCookie = vi.fn()
    const core = { load: async () => ({ setCookie }) } as unknown as Core
    affiliate.start!({ clickParam: 'ref', days: 400 }, core)
    affiliate.grant({ clickParam: 'ref', days: 400, cookie: 'ref_id' }, core)
    await settle()
    expect(setCookie).toHaveBeenCalledWith('ref_id', 'C1', 30)
    expect(location.search).toBe('')
  })
})

/**
 * Each vendor checks its own config where it starts (activate.ts): a missing
 * or invalid field stops that vendor alone, with an error naming it; unknown
 * keys only warn. The other vendors, and the visitor's choice, are untouched.
 */
describe('each vendor checks its own config where it starts', () => {
  const GTAG = 'googletagmanager.com/gtag/js'
  const FBEVENTS = 'connect.facebook.net'
  const loaded = (part: string) => network.requested.some((u) => u.includes(part))
  const acceptWith = async (sources: unknown[]) => {
    const { api } = await start(sources)
    await api.acceptAll()
    await settle()
    return api
  }

  it.each([
    ['a Meta pixel id with letters', { metaPixel: { id: 'abc' } }, /"integrations\.metaPixel".*"abc"/],
    ['a Meta pixel without an id', { metaPixel: {} }, /"integrations\.metaPixel".*integrations\.metaPixel\.id is required/],
    ['a Meta pixel id given as a number', { metaPixel: { id: 123456789 } }, /"integrations\.metaPixel".*123456789/]
  ])('%s: Meta does not start, GA does, and the error names the key', async (_, integration, named) => {
    const api = await acceptWith([{ integrations: { ga4: { id: 'G-ABC123' }, ...integration } }])
    expect(loaded(FBEVENTS)).toBe(false)
    expect(fbq()).toBeUndefined()
    expect(loaded(GTAG)).toBe(true)
    expect(said).toEqual([expect.stringMatching(named)])
    expect(said[0]).toMatch(/^error: /)
    expect(api.get().advertising).toBe(true)
  })

  it('GA4 without an id does not start, and the error names the key', async () => {
    await acceptWith([{ integrations: { ga4: {} } }])
    expect(loaded(GTAG)).toBe(false)
    expect(said).toEqual([expect.stringMatching(/^error: .*"integrations\.ga4".*integrations\.ga4\.id is required/)])
  })

  it('GA4 configured while the page has no analytics category: GA does not start, and the error says why', async () => {
    await acceptWith([{ categories: ['necessary', 'advertising'], integrations: { ga4: { id: 'G-ABC123' }, metaPixel: { id: '123456789' } } }])
    expect(loaded(GTAG)).toBe(false)
    expect(loaded(FBEVENTS)).toBe(true)
    expect(said).toEqual([expect.stringMatching(/^error: .*"integrations\.ga4".*category "analytics"/)])
  })

  it('an unknown key only warns (with "did you mean" where one is near): GA still starts', async () => {
    await acceptWith([{ integrations: { ga4: { id: 'G-ABC123', debug: true } } }])
    expect(loaded(GTAG)).toBe(true)
    expect(said).toEqual([expect.stringMatching(/^warn: .*"integrations\.ga4\.debug"/)])
  })

  it('GA4 with an unknown mode does not start: its mode decides when gtag.js loads', async () => {
    await acceptWith([{ integrations: { ga4: { id: 'G-ABC123', mode: 'full' } } }])
    expect(loaded(GTAG)).toBe(false)
    expect(said).toEqual([expect.stringMatching(/^error: .*"integrations\.ga4".*"full"/)])
  })

  it('nothing is checked, and nothing said, before anything is granted', async () => {
    const { api } = await start([{ integrations: { ga4: { id: 'UA-1' }, metaPixel: { id: 'x' } } }])
    await api.rejectAll()
    await settle()
    expect(said).toEqual([])
    expect(network.requested).toEqual([])
  })
})
