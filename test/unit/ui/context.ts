import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { atom } from 'nanostores'
import { vi } from 'vitest'
import type { ConsentRecord, ConsentState, ResolvedConfig, UiContext } from '../../../src/core/types'
import { mount } from '../../../src/ui/index'

/** The repository's locales/ (vitest runs from the repository root). */
export const localesDir = resolve(process.cwd(), 'locales')

export const categories: ResolvedConfig['categories'] = [
  { id: 'necessary', cookies: [{ name: 'nanoconsent', provider: 'This site', purpose: 'Stores your choice', lifetime: '6 months' }] },
  { id: 'preferences', cookies: [] },
  {
    id: 'analytics',
    cookies: [
      { name: '_ga', provider: 'Google', purpose: 'Distinguishes visitors', lifetime: '2 years' },
      { name: '_ga_*', provider: 'Google', purpose: 'Keeps session state', lifetime: '2 years' },
      { name: '_gid', provider: 'Google', purpose: 'Distinguishes visitors', lifetime: '24 hours' }
    ]
  },
  { id: 'advertising', cookies: [{ name: '_fbp', provider: 'Meta', purpose: 'Ad delivery', lifetime: '3 months' }] },
  { id: 'affiliate', cookies: [{ name: 'aff_id', provider: 'This site', purpose: 'Affiliate click id', lifetime: '30 days' }] }
]

export function config(overrides: Partial<ResolvedConfig> = {}): ResolvedConfig {
  return {
    revision: 1,
    policyUrl: '/privacy',
    locale: 'auto',
    cookieName: 'nanoconsent',
    cookieDomain: '',
    expiresAfterDays: 182,
    categories,
    integrations: {},
    respectGpc: true,
    reloadOnRevoke: true,
    recordUrl: '',
    revisitButton: false,
    layout: 'bar',
    theme: 'auto',
    strings: {},
    assetsUrl: 'https://cdn.test/nc/',
    ...overrides
  }
}

export const undecided: ConsentState = {
  decided: false,
  necessary: true,
  preferences: false,
  analytics: false,
  advertising: false,
  affiliate: false
}

/** Serves `locales/<lang>.json` from disk; anything else is a 404. Returns the fetch spy. */
export function serveLocales() {
  const spy = vi.fn(async (input: string | URL | Request) => {
    const url = String(input)
    const m = /^https:\/\/cdn\.test\/nc\/locales\/([a-z0-9-]+)\.json$/.exec(url)
    let body: string | null = null
    if (m) {
      try {
        body = readFileSync(resolve(localesDir, `${m[1]}.json`), 'utf8')
      } catch {
        body = null
      }
    }
    return body === null ? new Response('not found', { status: 404 }) : new Response(body, { status: 200 })
  })
  vi.stubGlobal('fetch', spy)
  return spy
}

export interface Setup {
  ctx: UiContext
  $consent: ReturnType<typeof atom<ConsentState>>
  choose: ReturnType<typeof vi.fn>
  record: { current: ConsentRecord | null }
}

export function context(
  opts: {
    config?: Partial<ResolvedConfig>
    gpc?: boolean
    revisionChanged?: boolean
    added?: string[]
    /** The visitor's earlier answers, which pre-fill the preferences while a new category is asked. */
    answers?: Record<string, boolean>
    state?: ConsentState
    nonce?: string
    /** The npm entry's way to load a shipped language; without it the UI fetches from assetsUrl. */
    locale?: UiContext['locale']
  } = {}
): Setup {
  const $consent = atom<ConsentState>(opts.state || undecided)
  const record: Setup['record'] = { current: null }
  const choose = vi.fn()
  const api = {
    $consent,
    get: () => $consent.get(),
    record: () => record.current
  } as unknown as UiContext['api']
  const ctx: UiContext = {
    api,
    config: config(opts.config),
    notices: { gpc: !!opts.gpc, revisionChanged: !!opts.revisionChanged, added: opts.added || [], ...(opts.answers ? { answers: opts.answers } : {}) },
    nonce: opts.nonce ?? 'n0nce',
    assetsUrl: 'https://cdn.test/nc/',
    ...(opts.locale ? { locale: opts.locale } : {}),
    choose
  }
  return { ctx, $consent, choose, record }
}

/** Mounts the UI with a fake context; returns handle, shadow root and spies. */
export async function setup(opts: Parameters<typeof context>[0] = {}) {
  const s = context(opts)
  const ui = await mount(s.ctx)
  const host = document.getElementById('nanoconsent-root')!
  const shadow = host.shadowRoot!
  const $ = <E extends Element = HTMLElement>(sel: string) => shadow.querySelector<E>(sel)
  const $$ = <E extends Element = HTMLElement>(sel: string) => [...shadow.querySelectorAll<E>(sel)]
  const banner = () => $('.nc-banner')!
  const dialog = () => $('[role="dialog"]')
  const button = (scope: ParentNode, label: string) =>
    [...scope.querySelectorAll('button')].find((b) => b.textContent === label) as HTMLButtonElement
  return { ...s, ui, host, shadow, $, $$, banner, dialog, button }
}

export function reset() {
  document.body.innerHTML = ''
  document.documentElement.lang = ''
  document.documentElement.style.removeProperty('scroll-padding-bottom')
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
}
