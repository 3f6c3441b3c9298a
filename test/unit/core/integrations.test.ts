import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Core } from '../../../src/core/core'
import { closePage, cookieFor, cookieJar, network, preparePage, settle, start, storeConsent } from './harness'

beforeEach(preparePage)
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

  it('on withdrawal: fbq("consent", "revoke")', async () => {
    storeConsent(await cookieFor(meta, { categories: { advertising: true } }))
    const { api } = await start(meta)
    await settle()
    api.set({ advertising: false })
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

  it('validation refuses more than 30 days, and the manifest caps what it is given anyway', async () => {
    const { validateConfig } = await import('../../../src/core/validate')
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(validateConfig([{ integrations: { affiliate: { days: 31 } } }]).ok).toBe(false)
    expect(validateConfig([{ integrations: { affiliate: { days: 30 } } }]).ok).toBe(true)

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
