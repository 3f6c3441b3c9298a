import { readFileSync } from 'node:fs'
import pageConsole from 'node:console'
import { resolve } from 'node:path'
import { expect, vi, type Mock } from 'vitest'
import { cookiePlaces } from '../../../src/core/cookie-places'
import type { Core } from '../../../src/core/core'
import type { Environment } from '../../../src/core/create'
import type { StoredChoice } from '../../../src/core/cookie-codec'
import type { Nanoconsent } from '../../../src/core/types'

/**
 * A page for the core's tests: happy-dom with JavaScript evaluation on (so
 * gated scripts really run), a fetch interceptor standing in for the
 * network, an in-process BroadcastChannel, and `startConsent` driven with
 * the real activate, change and UI chunks. The loader's calls into the UI
 * chunk (`show`, `hide`) are recorded; what the visitor sees and clicks is
 * the real banner and modal in the UI's shadow root.
 * Every test gets fresh modules (activate.ts keeps module state) and a
 * clean page; everything a previous instance registered is torn down.
 */

export const ORIGIN = 'http://localhost:3000'

interface Settings {
  enableJavaScriptEvaluation: boolean
  suppressInsecureJavaScriptEnvironmentWarning: boolean
  fetch: { interceptor: unknown }
}
const happyDOM = () => (window as unknown as { happyDOM: { settings: Settings; setURL(url: string): void } }).happyDOM
const settings = () => happyDOM().settings

/** What scripts fetched from "the network" contain; anything else is an empty script. */
export const network = {
  files: {} as Record<string, string>,
  /** Delay (ms) of an async script download, to prove the gate waits for it. */
  delay: {} as Record<string, number>,
  requested: [] as string[]
}

const jsHeaders = () => new Headers({ 'content-type': 'text/javascript' })

/** The shipped locales, served from the repository's locales/ as the CDN would (the UI fetches them from assetsUrl). */
const LOCALE = /^https:\/\/cdn\.test\/nc\/locales\/([a-z-]+)\.json$/
const served = (url: string): { body: string; type: string } => {
  const lang = LOCALE.exec(url)?.[1]
  if (lang) {
    try {
      return { body: readFileSync(resolve(process.cwd(), 'locales', `${lang}.json`), 'utf8'), type: 'application/json' }
    } catch {
      // Not shipped: a 404 would do as well; the UI falls back to English either way.
    }
  }
  return { body: network.files[url] || '', type: 'text/javascript' }
}

/**
 * Chunk imports that fail before one succeeds, by chunk name (a 404, a
 * network error): `chunkFailures.change = 1` fails the next import of
 * change.js once; `Infinity` fails every one.
 */
export const chunkFailures: Record<string, number> = {}

/**
 * In-process BroadcastChannel: a message reaches every other open channel of
 * the same name, in a later task, as a real BroadcastChannel delivers it (so
 * two tabs can both choose before either hears the other).
 */
export class FakeChannel {
  static open: FakeChannel[] = []
  onmessage: ((e: MessageEvent) => void) | null = null
  constructor(public name: string) {
    FakeChannel.open.push(this)
  }
  postMessage(data: unknown): void {
    for (const c of FakeChannel.open) if (c != this && c.name == this.name) setTimeout(() => c.onmessage?.(new MessageEvent('message', { data })))
  }
  close(): void {
    FakeChannel.open = FakeChannel.open.filter((c) => c != this)
  }
}

/**
 * What happy-dom itself reported on the page's console in this test: a
 * script it could not fetch, an iframe it will not load. happy-dom writes
 * these to Node's own console (not vitest's), where they would print as
 * stack traces. A test that causes one says so with `expectPageReports`;
 * any other fails the test in `closePage`.
 */
let pageReports: string[] = []

/** Asserts (and clears) happy-dom's reports, one pattern per report, in order. */
export function expectPageReports(patterns: RegExp[]): void {
  expect(pageReports).toHaveLength(patterns.length)
  patterns.forEach((p, i) => expect(pageReports[i]).toMatch(p))
  pageReports = []
}

let observers: MutationObserver[] = []
/** Counts closed pages: a closed page's chunk imports (a retry after a backoff) never arrive, so it cannot act on the next test's page. */
let generation = 0
let listeners: [EventTarget, string, EventListenerOrEventListenerObject][] = []

/** Clears cookies, DOM, globals; call in beforeEach (it takes no argument: a hook passes it the test context). */
export function preparePage(): void {
  prepare(false)
}

/** A fresh page; `sameVisitor` keeps the cookies and the URL (the next page load of the same visitor). */
function prepare(sameVisitor: boolean): void {
  vi.resetModules()
  const s = settings()
  s.enableJavaScriptEvaluation = true
  s.suppressInsecureJavaScriptEnvironmentWarning = true
  s.fetch.interceptor = {
    beforeSyncRequest: ({ request }: { request: Request }) => {
      network.requested.push(request.url)
      return { status: 200, statusText: 'OK', ok: true, url: request.url, redirected: false, headers: jsHeaders(), body: Buffer.from(network.files[request.url] || '') }
    },
    beforeAsyncRequest: async ({ request }: { request: Request }) => {
      network.requested.push(request.url)
      await new Promise((r) => setTimeout(r, network.delay[request.url] || 0))
      const { body, type } = served(request.url)
      return new Response(body, { headers: { 'content-type': type } })
    }
  }
  network.files = {}
  network.delay = {}
  network.requested = []
  for (const chunk of Object.keys(chunkFailures)) delete chunkFailures[chunk]

  if (!sameVisitor) {
    clearCookies()
    history.replaceState(null, '', '/')
  }
  document.head.innerHTML = ''
  document.body.innerHTML = ''
  document.documentElement.lang = 'en'
  const w = window as unknown as Record<string, unknown>
  for (const key of ['dataLayer', 'gtag', 'fbq', '_fbq', 'log']) delete w[key]
  w.log = []

  FakeChannel.open = []
  vi.stubGlobal('BroadcastChannel', FakeChannel)
  const Real = MutationObserver
  vi.stubGlobal(
    'MutationObserver',
    class extends Real {
      constructor(cb: MutationCallback) {
        super(cb)
        observers.push(this)
      }
    }
  )
  for (const target of new Set<EventTarget>([window, document, globalThis as unknown as EventTarget])) {
    const add = target.addEventListener.bind(target)
    vi.spyOn(target, 'addEventListener').mockImplementation((type: string, fn: EventListenerOrEventListenerObject | null, opts?: unknown) => {
      listeners.push([target, type, fn!])
      add(type, fn, opts as AddEventListenerOptions)
    })
  }
  pageReports = []
  vi.spyOn(pageConsole, 'error').mockImplementation((...args: unknown[]) => {
    pageReports.push(args.map(String).join(' '))
  })
  vi.spyOn(location, 'reload').mockImplementation(() => {})
  vi.spyOn(navigator, 'sendBeacon').mockImplementation(() => true)
}

/** Tears down what the previous instance left listening; call in afterEach. */
export async function closePage(): Promise<void> {
  await settle()
  generation++
  for (const o of observers) o.disconnect()
  for (const [target, type, fn] of listeners) target.removeEventListener(type, fn)
  observers = []
  listeners = []
  pending = []
  FakeChannel.open = []
  delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
  settings().fetch.interceptor = null
  const unexpected = pageReports
  pageReports = []
  expect(unexpected, 'happy-dom reported on the page console').toEqual([])
}

let visited: string[] = []

/** Puts the page at `url` (another host or path), without navigating: the cookies stay. */
export function visit(url: string): void {
  visited.push(url)
  happyDOM().setURL(url)
}

/** Deletes every cookie at every place a page the test visited could see, and goes back to ORIGIN. */
function clearCookies(): void {
  for (const url of [...visited, ORIGIN + '/']) {
    happyDOM().setURL(url)
    const { hostname, pathname } = new URL(url)
    for (const name of Object.keys(cookieJar())) {
      for (const { domain, path } of cookiePlaces(hostname, pathname)) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=${path}${domain ? `; domain=${domain}` : ''}`
    }
  }
  visited = []
}

/** The cookies the page can read, by name (the first of several with one name). */
export function cookieJar(): Record<string, string> {
  const jar: Record<string, string> = {}
  for (const c of document.cookie.split('; ').filter(Boolean)) jar[c.slice(0, c.indexOf('='))] ??= c.slice(c.indexOf('=') + 1)
  return jar
}

/** Every value of the cookies called `name` the page can read (several when they sit at different paths or domains). */
export function cookieValues(name = 'nanoconsent'): string[] {
  return document.cookie
    .split('; ')
    .filter((c) => c.startsWith(name + '='))
    .map((c) => c.slice(name.length + 1))
}

let pending: Promise<unknown>[] = []

/** Lets chunk imports, store listeners and the gate's queue run to the end. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    const now = pending
    await Promise.allSettled(now)
    await new Promise((r) => setTimeout(r, 5))
    if (i > 3 && now.length == pending.length) return
  }
}

/** The next page view of the same visitor, at the same URL or at `url`: the cookies stay where they are, all else is new. */
export async function nextPage(url?: string): Promise<void> {
  await closePage()
  prepare(true)
  if (url) visit(new URL(url, location.href).href)
}

/** The dataLayer, with gtag's `arguments` entries turned into arrays. */
export function dataLayer(): unknown[] {
  return ((window as unknown as { dataLayer?: unknown[] }).dataLayer || []).map((e) =>
    Object.prototype.toString.call(e) == '[object Arguments]' ? Array.from(e as ArrayLike<unknown>) : e
  )
}

/** Consent Mode's seven types as a first visit's default states them (security_storage is necessary, always granted). */
export const ALL_DENIED = {
  ad_storage: 'denied',
  ad_user_data: 'denied',
  ad_personalization: 'denied',
  analytics_storage: 'denied',
  functionality_storage: 'denied',
  personalization_storage: 'denied',
  security_storage: 'granted'
}
/** All seven types granted. */
export const ALL_GRANTED = {
  ad_storage: 'granted',
  ad_user_data: 'granted',
  ad_personalization: 'granted',
  analytics_storage: 'granted',
  functionality_storage: 'granted',
  personalization_storage: 'granted',
  security_storage: 'granted'
}

type UiChunk = typeof import('../../../src/ui/index')

export interface Page {
  api: Nanoconsent
  /**
   * The loader's calls of the UI chunk's `show(core, api, opener?)`: with no
   * opener it asks with the banner, with one it opens the preferences. The
   * real `show` runs (it mounts the real UI once).
   */
  show: Mock<UiChunk['show']>
  /** The loader's calls of the UI chunk's `hide()`, which runs for real. */
  hide: Mock<UiChunk['hide']>
  load: Mock<Environment['load']>
}

/** Whether the loader asked the visitor, that is, called the UI chunk's `show` for the banner. */
export const asked = (page: Page): boolean => page.show.mock.calls.some((c) => c[2] === undefined)

/** What the loader handed to the UI chunk (its notices, its config); the UI must have been asked for. */
export function uiCore(page: Page): Core {
  expect(page.show, 'the UI was never shown').toHaveBeenCalled()
  return page.show.mock.calls[0]![0]
}

/** The UI's shadow root, once mounted (the first one on the page: the root is appended to <body>). */
const shadow = () => document.getElementById('nanoconsent-root')?.shadowRoot ?? null

/** What the visitor sees of the real UI. */
export const screen = {
  banner: () => shadow()?.querySelector<HTMLElement>('.nc-banner') ?? null,
  /** The banner is mounted and not hidden. */
  bannerShown: () => !!screen.banner() && !screen.banner()!.hidden,
  dialog: () => shadow()?.querySelector<HTMLElement>('[role="dialog"]') ?? null,
  /** The banner's note of class `nc-<name>` (gpc, rev, added, dev), or null. */
  note: (name: string) => screen.banner()?.querySelector<HTMLElement>(`.nc-${name}`) ?? null,
  /** The modal's switch for a category. */
  switchOf: (id: string) => screen.dialog()!.querySelector<HTMLInputElement>(`[data-category="${id}"] input[role="switch"]`)!
}

/** Clicks a button of the modal when it is open, else of the banner: accept-all, reject-all, customize, save, close. */
export function click(action: string): void {
  const scope = screen.dialog() || screen.banner()
  expect(scope, 'the UI is not mounted').not.toBeNull()
  const button = scope!.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)
  expect(button, `no ${action} button`).not.toBeNull()
  button!.click()
}

/**
 * Answers as a visitor would: "Customize" on the banner (unless the modal is
 * open), each switch set to `granted` (unlisted ones off), then "Save".
 */
export function save(granted: Record<string, boolean>): void {
  if (!screen.dialog()) click('customize')
  for (const sw of screen.dialog()!.querySelectorAll<HTMLInputElement>('input[role="switch"]')) {
    const id = sw.closest<HTMLElement>('[data-category]')!.dataset.category!
    if (!sw.disabled && sw.checked != !!granted[id]) sw.click()
  }
  click('save')
}

/** The chunks the page imported, in order, each import attempt once. */
export const loads = (page: Page): string[] => page.load.mock.calls.map((c) => String(c[0]))

/** The categories of the seed sites, which list them; a test of derived categories passes `{ derive: true }`. */
export const SEED_CATEGORIES = ['preferences', 'analytics', 'advertising', 'affiliate']

/**
 * The sources a test page uses: like the seed sites, a page lists the five
 * categories unless a source lists its own, or one says `derive: true`
 * (dropped here) to test categories derived from integrations and tags.
 */
function listed(sources: unknown[]): unknown[] {
  if (sources.some((s) => Object(s).derive)) return sources.map((s) => (Object(s).derive ? (({ derive, ...rest }) => rest)(s as any) : s))
  return sources.some((s) => Object(s).categories !== undefined) ? sources : [{ categories: SEED_CATEGORIES }, ...sources]
}

/**
 * Starts nanoconsent as a page would, with fresh modules; returns the API,
 * the recorded calls into the UI chunk and the chunk imports. Every chunk is
 * the real one. Without `locale` the UI fetches shipped languages from
 * assetsUrl itself; with it, that is how the entry gives them.
 */
export async function start(sources: unknown[] = [{}], nonce = '', locale?: Environment['locale']): Promise<Page> {
  const { startConsent } = await import('../../../src/core/create')
  sources = listed(sources)
  const show: Page['show'] = vi.fn()
  const hide: Page['hide'] = vi.fn()
  const born = generation
  /**
   * A failed import. The loader keeps it (and retries after a backoff), so
   * it fails only while this page is open: a retry timer that fires after
   * the test never reports into the next test's console.
   */
  const failed = (chunk: string): Promise<never> => {
    const error = Promise.reject(new TypeError(`Failed to fetch dynamically imported module: https://cdn.test/nc/${chunk}.js`))
    error.catch(() => {})
    const p = new Promise<never>(() => {})
    p.then = ((ok, ko) => (born == generation ? error.then(ok, ko) : new Promise(() => {}))) as typeof p.then
    return p
  }
  const load: Page['load'] = vi.fn((chunk: string) => {
    if (born != generation) return new Promise(() => {})
    const p =
      chunkFailures[chunk]! > 0
        ? (chunkFailures[chunk]!--, failed(chunk))
        : chunk == 'ui'
          ? import('../../../src/ui/index').then((real) => {
              // settle() waits for the UI to be mounted and shown, too.
              show.mockImplementation((...args) => {
                const shown = real.show(...args)
                pending.push(shown)
                return shown
              })
              hide.mockImplementation(real.hide)
              return { ...real, show, hide }
            })
          : chunk == 'change'
            ? import('../../../src/change')
            : import('../../../src/activate')
    pending.push(p)
    return p
  })
  const env: Environment = { sources, nonce, assetsUrl: 'https://cdn.test/nc/', load, locale }
  const api = startConsent(env)
  return { api, show, hide, load }
}

/**
 * A consent cookie value as the code writes it: the choice answers the
 * categories of `sources` (or exactly `choice.categories` when `only` is set).
 */
export async function cookieFor(sources: unknown[], choice: Partial<StoredChoice> & { categories: Record<string, boolean> }, only = false): Promise<string> {
  const { readConfig } = await import('../../../src/core/config')
  const { encodeChoice } = await import('../../../src/core/cookie-codec')
  const config = readConfig(listed(sources))
  const ids = only ? ['necessary', ...Object.keys(choice.categories)] : config.categories.map((c) => c.id)
  const categories = Object.fromEntries(ids.map((id) => [id, id == 'necessary' || !!choice.categories[id]]))
  const time = choice.time ?? Date.now() - 60_000
  return encodeChoice({ id: 'AAAAAAAAAAAAAAAA', revision: config.revision, method: 'custom', ...choice, time, categories })
}

/** Puts a consent cookie on the page, as a previous visit would have. */
export function storeConsent(value: string, name = 'nanoconsent'): void {
  document.cookie = `${name}=${value}; path=/`
}

/**
 * happy-dom has no `nonce` property; browsers reflect the attribute into it
 * (and then hide the attribute). The gate reads the property.
 */
export function reflectNonce(): void {
  Object.defineProperty(HTMLElement.prototype, 'nonce', {
    configurable: true,
    get(this: HTMLElement) {
      return this.getAttribute('nonce') || ''
    },
    set(this: HTMLElement, value: string) {
      this.setAttribute('nonce', value)
    }
  })
}
