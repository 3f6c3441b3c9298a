import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { assetsUrlFrom } from '../../../src/core/assets-url'
import { chunkFailures, click, closePage, cookieValues, dataLayer, network, preparePage, save, screen, settle, start, type Page } from './harness'

/**
 * Faults never throw into the host page and never lose a choice. A chunk
 * that fails to load (a 404, a flaky network) is retried with a backoff; a
 * choice made meanwhile holds for the page and is stored once change.js
 * arrives. And whatever the config, cookie or page, the loader starts and
 * `get()` answers. (An unhandled rejection fails the run: vitest reports it.)
 */

let errors: string[] = []
beforeEach(() => {
  preparePage()
  errors = []
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args.map(String).join(' ')))
  vi.spyOn(console, 'warn').mockImplementation(() => {})
})
afterEach(() => {
  // A test that faked the clock gives it back before the page closes (closePage waits on timers).
  vi.useRealTimers()
  return closePage()
})

const all = { decided: true, necessary: true, preferences: true, analytics: true, advertising: true, affiliate: true }
const undecided = { decided: false, necessary: true, preferences: false, analytics: false, advertising: false, affiliate: false }
/** Waits (up to 4 s: the first retry comes after 1 s, the second 2 s later) until `done`. */
const until = async (done: () => boolean) => {
  for (let i = 0; i < 400 && !done(); i++) await new Promise((r) => setTimeout(r, 10))
  expect(done()).toBe(true)
}
/** The `attempt` each import of `chunk` was given (a retry needs a new URL). */
const attempts = (page: Page, chunk: string) => page.load.mock.calls.filter((c) => c[0] == chunk).map((c) => c[2])
/** The failed imports of `chunk` the console reported. */
const reported = (chunk: string) => errors.filter((m) => m.includes(`/nc/${chunk}.js`)).length
/** Attempts 0, 1, … n-1: one chain, each import with a new number. */
const numbered = (n: number) => [...Array(n).keys()]

describe('change.js unavailable when the visitor answers', () => {
  it('a banner choice applies at once and is stored when change.js arrives', async () => {
    chunkFailures.change = Infinity
    const page = await start()
    await settle()
    const changes = vi.fn()
    page.api.on('change', changes)
    save({ analytics: true })
    // Applied with the store, synchronously: on('change') has heard it; the change chunk's events wait for it.
    expect(page.api.get()).toEqual({ ...undecided, decided: true, analytics: true })
    expect(changes).toHaveBeenCalledWith({ ...undecided, decided: true, analytics: true }, undecided)
    expect(screen.bannerShown()).toBe(false)
    await settle()
    expect(cookieValues()).toEqual([])
    expect(dataLayer().filter((e) => !Array.isArray(e) && 'event' in Object(e))).toEqual([])
    // The network recovers: the next retry imports change.js, and the queued work runs in order.
    chunkFailures.change = 0
    await until(() => cookieValues().length == 1)
    expect(cookieValues()[0]).toMatch(/\.c\.[\w-]{16}\.-preferences\|analytics\|-advertising\|-affiliate$/)
    expect(page.api.get()).toEqual({ ...undecided, decided: true, analytics: true })
    expect(dataLayer().filter((e) => !Array.isArray(e) && 'event' in Object(e)).map((e) => (e as { event: string }).event)).toEqual(['nanoconsent_consent', 'nanoconsent_update'])
    expect(changes).toHaveBeenCalledOnce()
    // The browser remembers a failed module URL: each import after a failure asks with a new attempt number, and each failure is reported once.
    const tried = attempts(page, 'change')
    expect(tried.length).toBeGreaterThanOrEqual(2)
    expect(tried).toEqual(numbered(tried.length))
    expect(reported('change')).toBe(tried.length - 1)
  })

  it('an API choice resolves once applied, and is stored, after the retry', async () => {
    chunkFailures.change = Infinity
    const page = await start()
    await settle()
    const accepted = page.api.acceptAll()
    await settle()
    expect(cookieValues()).toEqual([])
    chunkFailures.change = 0
    await accepted
    expect(page.api.get()).toEqual(all)
    expect(cookieValues()).toHaveLength(1)
  })

  it('a withdrawal made meanwhile still reloads only after the cookie says so', async () => {
    const page = await start()
    await page.api.set({ analytics: true })
    await settle()
    expect(location.reload).not.toHaveBeenCalled()
    const answersAtReload: string[] = []
    vi.mocked(location.reload).mockImplementation(() => void answersAtReload.push(cookieValues()[0]!.split('.')[5]!))
    await page.api.showPreferences()
    click('reject-all')
    await settle()
    expect(answersAtReload).toEqual(['-preferences|-analytics|-advertising|-affiliate'])
  })
})

describe('ui.js and activate.js failing once', () => {
  it('ui.js: the banner comes after the retry', async () => {
    chunkFailures.ui = Infinity
    const page = await start()
    await settle()
    expect(page.show).not.toHaveBeenCalled()
    chunkFailures.ui = 0
    await until(() => screen.bannerShown())
    expect(page.show).toHaveBeenCalledOnce()
    const tried = attempts(page, 'ui')
    expect(tried).toEqual(numbered(tried.length))
    expect(tried.length).toBeGreaterThanOrEqual(2)
    expect(reported('ui')).toBe(tried.length - 1)
  })

  it('ui.js never loading: API choices still work, and showing the UI resolves rather than rejects once the retries give up', async () => {
    vi.useFakeTimers()
    chunkFailures.ui = Infinity
    const page = await start()
    const shown = page.api.showPreferences()
    await page.api.acceptAll()
    expect(page.api.get()).toEqual(all)
    expect(cookieValues()).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(15_000)
    await expect(shown).resolves.toBeUndefined()
    expect(attempts(page, 'ui')).toEqual(numbered(5))
  })

  it('activate.js: the granted tracker starts after the retry, and the choice is stored meanwhile', async () => {
    chunkFailures.activate = 1
    const page = await start([{ integrations: { ga4: { id: 'G-ABC123' } } }])
    await page.api.acceptAll()
    await settle()
    expect(cookieValues()).toHaveLength(1)
    await until(() => network.requested.some((u) => u.includes('googletagmanager.com/gtag/js?id=G-ABC123')))
    expect(reported('activate')).toBe(1)
    expect(attempts(page, 'activate')).toEqual([0, 1])
  })
})

describe('one retry chain per chunk', () => {
  it('a failed import is reported once and tried again after 1, 2, 4 and 8 s, each with the next attempt number; callers share the chain', async () => {
    vi.useFakeTimers()
    chunkFailures.ui = Infinity
    const page = await start()
    // A second caller while the first import is failing joins the same chain.
    const shown = vi.fn()
    page.api.showBanner().then(shown)
    await vi.advanceTimersByTimeAsync(0)
    expect(attempts(page, 'ui')).toEqual([0])
    expect(reported('ui')).toBe(1)
    for (const [n, wait] of [
      [1, 1000],
      [2, 2000],
      [3, 4000],
      [4, 8000]
    ] as const) {
      await vi.advanceTimersByTimeAsync(wait - 1)
      expect(attempts(page, 'ui')).toEqual(numbered(n))
      await vi.advanceTimersByTimeAsync(1)
      expect(attempts(page, 'ui')).toEqual(numbered(n + 1))
      if (n < 4) expect(reported('ui')).toBe(n + 1)
    }
    // Five failures: the chain gives up, and its callers are done (reported, never rejected).
    expect(reported('ui')).toBeGreaterThanOrEqual(5)
    expect(shown).toHaveBeenCalledOnce()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(attempts(page, 'ui')).toEqual(numbered(5))
    expect(page.show).not.toHaveBeenCalled()
  })

  it('after five failures, the next call starts a new chain', async () => {
    vi.useFakeTimers()
    chunkFailures.ui = 5
    const page = await start()
    await vi.advanceTimersByTimeAsync(15_000)
    expect(attempts(page, 'ui')).toEqual(numbered(5))
    expect(page.show).not.toHaveBeenCalled()
    // No retry is pending any more; the UI mounts in real time.
    vi.useRealTimers()
    await page.api.showBanner()
    expect(attempts(page, 'ui')).toEqual(numbered(6))
    expect(page.show).toHaveBeenCalledOnce()
    expect(screen.bannerShown()).toBe(true)
  })

  // When the chain gives up, load() (core/create.ts) reports the fifth
  // failure and rethrows it to every caller waiting on the chain (ui(),
  // change(), activate(): `.then(…, report)`), which must not report it again.
  it('the fifth failure, too, is reported once, however many callers wait on the chain', async () => {
    vi.useFakeTimers()
    chunkFailures.ui = Infinity
    const page = await start()
    void page.api.showBanner()
    await vi.advanceTimersByTimeAsync(15_000)
    expect(attempts(page, 'ui')).toEqual(numbered(5))
    expect(reported('ui')).toBe(5)
  })
})

describe('the loader always starts, and get() answers', () => {
  it.each([42, {}, ['https://cdn.example/'], true])('a non-string assetsUrl (%j) is refused, named, and the default kept', (given) => {
    expect(assetsUrlFrom('https://cdn.test/nc/', given, false)).toBe('https://cdn.test/nc/')
    expect(assetsUrlFrom('https://cdn.test/nc/', given, true)).toBe('https://cdn.test/nc/')
    expect(errors).toHaveLength(2)
    for (const m of errors) expect(m).toContain('"assetsUrl"')
  })

  it('assetsUrl: same origin, or https: from the entry itself; anything else refused', () => {
    expect(assetsUrlFrom('https://cdn.test/nc/', '/static/nc', false)).toBe('https://cdn.test/static/nc/')
    expect(assetsUrlFrom('https://cdn.test/nc/', 'https://other.example/nc/', true)).toBe('https://other.example/nc/')
    expect(assetsUrlFrom('https://cdn.test/nc/', 'https://other.example/nc/', false)).toBe('https://cdn.test/nc/')
    expect(assetsUrlFrom('https://cdn.test/nc/', 'data:text/javascript,alert(1)//', true)).toBe('https://cdn.test/nc/')
    expect(assetsUrlFrom('https://cdn.test/nc/', undefined, false)).toBe('https://cdn.test/nc/')
    expect(errors).toHaveLength(2)
  })

  it('a config with a non-string assetsUrl starts', async () => {
    const page = await start([{ assetsUrl: 42 }])
    expect(page.api.get()).toEqual(undecided)
    await page.api.acceptAll()
    expect(page.api.get()).toEqual(all)
  })

  it('window.dataLayer = {} (a page that set it to something else): replaced, and Consent Mode still works', async () => {
    ;(window as unknown as { dataLayer: unknown }).dataLayer = {}
    const page = await start()
    expect(page.api.get()).toEqual(undecided)
    await page.api.acceptAll()
    await settle()
    expect(dataLayer().map((e) => (Array.isArray(e) ? e.slice(0, 2).join(' ') : (e as { event?: string }).event || 'nanoconsent'))).toEqual([
      'consent default',
      'nanoconsent',
      'consent update',
      'nanoconsent_consent',
      'nanoconsent_update'
    ])
  })

  describe('a document.cookie that throws (a sandboxed iframe)', () => {
    // One own property shadows Document.prototype's cookie accessor; two vi.spyOn (get, set) would not restore cleanly.
    beforeEach(() => {
      const refuse = () => {
        throw new DOMException('The document is sandboxed and lacks the allow-same-origin flag.', 'SecurityError')
      }
      Object.defineProperty(document, 'cookie', { configurable: true, get: refuse, set: refuse })
    })
    afterEach(() => void delete (document as { cookie?: string }).cookie)

    it('starts undecided; a choice holds for the page through visibility changes, and says the cookie was refused', async () => {
      const page = await start()
      expect(page.api.get()).toEqual(undecided)
      await settle()
      await page.api.acceptAll()
      await settle()
      document.dispatchEvent(new Event('visibilitychange'))
      await settle()
      expect(page.api.get()).toEqual(all)
      expect(errors.some((m) => /refused the consent cookie/.test(m))).toBe(true)
    })

    it('a withdrawal still fires nanoconsent:change and nanoconsent_update', async () => {
      const page = await start([{ reloadOnRevoke: false }])
      await page.api.acceptAll()
      await settle()
      const heard = vi.fn()
      document.addEventListener('nanoconsent:change', heard)
      await page.api.rejectAll()
      await settle()
      expect(heard).toHaveBeenCalledOnce()
      expect(dataLayer().filter((e) => (e as { event?: string }).event == 'nanoconsent_update')).toHaveLength(2)
    })
  })

  it('whatever the config sources, startConsent returns an API whose get() answers', async () => {
    const known = ['revision', 'categories', 'cookieName', 'expiresAfterDays', 'integrations', 'respectGpc', 'locale', 'assetsUrl', 'revisitButton']
    const source = fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom(...known), fc.anything()))
    // Two sources, as both entries pass them (the JSON block and the tag, or the options and the block).
    const sources = fc.tuple(source, source)
    await fc.assert(
      fc.asyncProperty(sources, async (given: unknown[]) => {
        await closePage()
        preparePage()
        vi.spyOn(console, 'error').mockImplementation(() => {})
        vi.spyOn(console, 'warn').mockImplementation(() => {})
        const page = await start(given)
        const state = page.api.get()
        expect(state.necessary).toBe(true)
        expect(typeof state.decided).toBe('boolean')
        await settle()
      }),
      { numRuns: 25 }
    )
  }, 30_000)
})
