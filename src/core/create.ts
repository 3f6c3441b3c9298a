import { atom } from 'nanostores'
import { plain, readConfig } from './config.js'
import { pushDefault } from './consent-mode.js'
import { decodeChoice, newest } from './cookie-codec.js'
import type { Chunks, Core, Proof } from './core.js'
import { readCookies } from './read-cookie.js'
import { recordOf } from './record.js'
import { deniedState, stateFrom } from './store.js'
import { syncTabs } from './sync.js'
import type { Nanoconsent, UiHandle } from './types.js'

/** What the entry point (script tag or npm) knows about its surroundings. */
export interface Environment {
  /** Config sources, lowest precedence first. */
  sources: unknown[]
  /** CSP nonce copied to everything injected ('' for none). */
  nonce: string
  /** Where the chunks and locales/ are, already checked (assets-url.ts); ends in `/`. */
  assetsUrl: string
  /** Imports one of the lazily loaded chunks; `attempt` counts earlier failures (a retry needs a new URL). */
  load(chunk: keyof Chunks, assetsUrl: string, attempt: number): Promise<any>
}

/**
 * Starts nanoconsent on this page. The loader decides and holds the state:
 * it reads the config and the newest consent cookie into the store, pushes
 * the Consent Mode default, and makes choices. The rest lives in chunks
 * imported when there is something to do: activate.js once anything is
 * granted, change.js to store a choice and carry out a change, ui.js to ask.
 * A chunk that fails to load is tried again with backoff, and a choice made
 * meanwhile holds for the page and is stored when change.js arrives.
 */
export function startConsent(env: Environment): Nanoconsent {
  const sources = env.sources.map((s) => plain(s))
  const config = readConfig(sources)
  const ids = config.categories.map((c) => c.id)
  const chunks: Record<string, Promise<any>> = {}
  const failures: Record<string, number> = {}
  /** After a failed import: reported; the next call imports again, and the caller retries after a backoff (false once it gives up). */
  const fail = (name: string) => (e: unknown) => {
    console.error(`nanoconsent: could not load ${name}.js`, e)
    delete chunks[name]
    return new Promise<boolean>((retry) => (failures[name] < 6 ? setTimeout(retry, 500 * 2 ** failures[name]++, true) : retry(false)))
  }
  const load: Core['load'] = (name) => (chunks[name] ||= env.load(name, env.assetsUrl, (failures[name] ||= 0)))

  /** Work for the change chunk, done in order once it is loaded; kept while it cannot load. */
  const work: ((c: Chunks['change']) => unknown)[] = []
  const change = (fn?: (c: Chunks['change']) => unknown): Promise<void> => {
    if (fn) work.push(fn)
    return load('change').then(
      (c) => {
        while (work.length) guard(() => work.shift()!(c))
      },
      (e) => fail('change')(e).then((again) => (again ? change() : undefined))
    )
  }

  /** The newest readable choice among every consent cookie the page sees. */
  const readStored = (): Proof | null => readCookies(config.cookieName).reduce<Proof | null>((a, v) => newest(a, decodeChoice(v, Date.now())), null)
  /** A choice holds under its revision or a newer one, until it expires. */
  const holds = (p: Proof | null) => (p && p.revision >= config.revision && Date.now() - p.time < config.expiresAfterDays * 864e5 ? p : null)
  /** The page's state: the answers given; decided once every category shown here is answered. */
  const stateOf = (p: Proof | null) => (p ? stateFrom(p.categories, ids, ids.every((id) => id in p.categories)) : deniedState(ids))

  let ui: Promise<UiHandle> | undefined
  /** Loads and mounts the UI chunk once; change.js (validation, storing) is fetched alongside. */
  const withUi = (fn: (h: UiHandle) => void): Promise<void> =>
    (ui ||= (change((c) => c.validate(core)), load('ui')).then(async (mod) => {
      const handle = await mod.mount({ api, config, notices: core.notices, nonce: core.nonce, assetsUrl: env.assetsUrl, choose: (g, m, l) => mod.choose(core, g, m, l) })
      // Fetched (not run) once the banner is up, so "Accept all" starts trackers without a round trip.
      load('activate').catch(() => {})
      return handle
    }))
      .then(fn)
      .catch(async (e) => {
        ui = undefined
        // Asking is owed until the visitor answers.
        if ((await fail('ui')(e)) && !$consent.get().decided) core.showBanner()
      })

  const gpc = config.respectGpc && (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl === true
  const stored = readStored()
  const core: Core = {
    sources,
    config,
    ids,
    gpc,
    nonce: env.nonce,
    // Shared with the UI, which words the banner from it.
    notices: { gpc, revisionChanged: !!stored && stored.revision < config.revision, added: [] },
    proof: holds(stored),
    reloading: false,
    $consent: atom(deniedState(ids)),
    load,
    change,
    broadcast: () => {},
    adopt(proof) {
      core.proof = proof
      $consent.set(stateOf(proof))
    },
    showBanner: () => withUi((h) => h.showBanner()),
    showPreferences: (opener) => withUi((h) => h.showPreferences(opener || document.activeElement)),
    hide: () => ui && ui.then((h) => h.hide(), () => {}),
    pageLocale: () => (config.locale != 'auto' ? config.locale : document.documentElement.lang || navigator.language)
  }
  const { $consent } = core
  $consent.set(stateOf(core.proof))
  if (core.proof) core.notices.added = ids.filter((id) => !(id in core.proof!.categories))
  pushDefault($consent.get())

  /** Loads activate.js once there is something to act on: a grant, GA4 advanced mode, a `!category` fallback, or an affiliate click id. */
  const activate = (): Promise<void> => load('activate').then((a) => a.activate(core), (e) => fail('activate')(e).then((again) => (again ? activate() : undefined)))
  const act = () =>
    (ids.some((id, i) => i && $consent.get()[id]) ||
      Object(config.integrations.ga4).mode == 'advanced' ||
      (config.integrations.affiliate && location.search) ||
      document.querySelector('[data-category^="!"]')) &&
    activate()
  act()
  // Fallback tags parsed, or added later by a single-page app, need it too.
  new MutationObserver(() => chunks.activate || act()).observe(document, { childList: true, subtree: true })
  // Consent Mode must hear the update (changed() pushes it first, synchronously)
  // before a newly granted gtag.js is configured, or its first hit goes out denied.
  $consent.listen((state, previous) => change((c) => c.changed(core, state, previous!)).then(() => void act()))

  /** Another tab chose (the message carries its choice), or this tab came back into view: the newer choice wins. */
  core.broadcast = syncTabs(config.cookieName, (value) => {
    const theirs = holds(newest(readStored(), decodeChoice(value, Date.now())))
    if (!theirs || newest(core.proof, theirs) != theirs) return
    core.adopt(theirs)
    // The cookie jar may hold this tab's older write: store theirs, so both tabs and the jar agree.
    if (value) change((c) => c.write(core))
    core.hide()
  })

  const api: Nanoconsent = {
    get: $consent.get,
    acceptAll: () => change((c) => c.acceptAll(core)),
    rejectAll: () => change((c) => c.choose(core, {}, 'reject-all')),
    set: (granted) => change((c) => c.choose(core, { ...$consent.get(), ...granted }, 'custom')),
    showBanner: core.showBanner,
    showPreferences: () => core.showPreferences(),
    hide: core.hide,
    on: (_event, fn) => $consent.listen((state, previous) => fn(state, previous!)),
    record: () => recordOf(core),
    reset() {
      core.proof = null
      $consent.set(deniedState(ids))
      core.showBanner()
    },
    $consent
  }

  document.addEventListener('click', (e) => {
    const opener = (e.target as Element).closest?.('[data-nanoconsent="open-preferences"]')
    if (opener) {
      e.preventDefault()
      core.showPreferences(opener)
    }
  })

  // A cookie in 0.1's format is read once by the change chunk and stored again in today's.
  const legacy = !core.proof && readCookies(config.cookieName).find((v) => v[0] == '1')
  if (legacy) change((c) => c.migrate(core, legacy) || core.showBanner())
  else if (!$consent.get().decided) core.showBanner()
  else if (config.revisitButton) change((c) => c.showRevisitButton(core))
  return api
}

/** Runs a chunk's work; an exception is reported, never thrown into the host page. */
function guard(fn: () => unknown): void {
  try {
    fn()
  } catch (e) {
    console.error('nanoconsent:', e)
  }
}
