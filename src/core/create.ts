import { atom } from 'nanostores'
import { readConfig } from './config.js'
import { pushDefault } from './consent-mode.js'
import { decodeChoice } from './cookie-codec.js'
import type { Chunks, Core, Proof } from './core.js'
import { readCookie } from './read-cookie.js'
import { recordOf } from './record.js'
import { deniedState, stateFrom } from './store.js'
import { syncTabs } from './sync.js'
import type { LocaleResource, Nanoconsent, UiHandle } from './types.js'

/** What the entry point (script tag or npm) knows about its surroundings. */
export interface Environment {
  /** Config sources, lowest precedence first. */
  sources: unknown[]
  /** CSP nonce copied to everything injected ('' for none). */
  nonce: string
  /** Where the chunks and locales/ are; ends in `/`. */
  assetsUrl: string
  /** Imports one of the lazily loaded chunks. */
  load(chunk: keyof Chunks, assetsUrl: string): Promise<any>
  /**
   * Imports a shipped language (`ar`, `fr`) the way this entry bundles it;
   * handed to the UI as is. The script tag has none: the UI fetches
   * `locales/<lang>.json` from `assetsUrl`.
   */
  locale?(lang: string): Promise<LocaleResource | null>
}

/**
 * Starts nanoconsent on this page. The loader only decides: it reads the
 * config and the cookie into the store and pushes the Consent Mode default.
 * The rest lives in chunks imported when there is something to do:
 * activate.js once anything is granted, change.js (validation included)
 * when the visitor is asked or the state changes, ui.js to ask.
 */
export function startConsent(env: Environment): Nanoconsent {
  const { config, fingerprint } = readConfig(env.sources)
  const ids = config.categories.map((c) => c.id)
  const assetsUrl = config.assetsUrl ? config.assetsUrl.replace(/\/?$/, '/') : env.assetsUrl
  const chunks: Record<string, Promise<any>> = {}
  const chunkError = (e: unknown) => console.error('nanoconsent: failed to load', e)
  const change = (fn: (c: Chunks['change']) => unknown): Promise<void> => core.load('change').then(fn).then(() => {}, chunkError)

  /** The stored choice, if valid for this config, revision and date. */
  const readValid = (): Proof | null => {
    const stored = decodeChoice(readCookie(config.cookieName), ids, fingerprint, Date.now())
    if (stored && stored.revision < config.revision) core.notices.revisionChanged = true
    // Strict: a revision given as text ("3") is a config error, so it must not match.
    return stored && stored.revision === config.revision && Date.now() - stored.time < config.expiresAfterDays * 864e5 ? stored : null
  }
  const stateOf = (p: Proof | null) => (p ? stateFrom(p.categories, ids) : deniedState(ids))

  let ui: Promise<UiHandle> | undefined
  /**
   * Loads and mounts the UI chunk once. change.js (validation, the choice)
   * is fetched alongside but does not hold the banner back: validation
   * updates the same config object when it arrives, and a choice waits for it.
   */
  const withUi = (fn: (h: UiHandle) => void) =>
    (ui ||= (change((c) => c.validate(core)), core.load('ui')).then(async (mod) => {
      const handle = await mod.mount({ api, config, notices: core.notices, nonce: core.nonce, assetsUrl, locale: env.locale, choose: (g, m, l) => change((c) => c.choose(core, g, m, l)) })
      // Fetched (not run) once the banner is up, so "Accept all" starts trackers without a round trip.
      core.load('activate')
      return handle
    }))
      .then(fn)
      .catch(chunkError)

  const gpc = config.respectGpc && (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl === true
  const core: Core = {
    sources: env.sources,
    config,
    fingerprint,
    ids,
    gpc,
    nonce: env.nonce,
    // Shared with the UI, which words the banner from it.
    notices: { gpc, revisionChanged: false },
    proof: null,
    reloading: false,
    $consent: atom(deniedState(ids)),
    load: (name) => (chunks[name] ||= env.load(name, assetsUrl)),
    broadcast: () => {},
    showBanner: () => withUi((h) => h.showBanner()),
    showPreferences: (opener) => withUi((h) => h.showPreferences(opener || document.activeElement)),
    hide: () => ui && ui.then((h) => h.hide()),
    pageLocale: () => (config.locale != 'auto' ? config.locale : document.documentElement.lang || navigator.language)
  }
  const { $consent } = core
  $consent.set(stateOf((core.proof = readValid())))
  pushDefault($consent.get())

  /**
   * Loads activate.js once there is something to act on. A grant comes from
   * a valid cookie or a choice, so its config was validated; GA4 in advanced
   * mode, a `!category` fallback, or an affiliate click id to take out of the
   * address bar (a query string is there) may act before any choice, so the
   * config is validated first.
   */
  const activate = () => core.load('activate').then((a) => a.activate(core), chunkError)
  const act = () =>
    ids.some((id, i) => i && $consent.get()[id])
      ? activate()
      : (Object(config.integrations.ga4).mode == 'advanced' || (config.integrations.affiliate && location.search) || document.querySelector('[data-category^="!"]')) && change((c) => c.validate(core) && activate())
  act()
  // Fallback tags parsed, or added later by a single-page app, need it too.
  new MutationObserver(() => chunks.activate || act()).observe(document, { childList: true, subtree: true })
  // Consent Mode must hear the update (changed() pushes it first, synchronously)
  // before a newly granted gtag.js is configured, or its first hit goes out denied.
  $consent.listen((state, previous) => change((c) => (c.changed(core, state, previous!), act())))

  /** Another tab may have chosen: re-read the cookie and follow it. */
  core.broadcast = syncTabs(config.cookieName, () => {
    const stored = readValid()
    const p = core.proof
    if ((stored && stored.id + stored.time) == (p && p.id + p.time)) return
    $consent.set(stateOf((core.proof = stored)))
    // The other tab answered: this one's banner must not ask a second time.
    stored ? core.hide() : core.showBanner()
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

  if (!$consent.get().decided) core.showBanner()
  else if (config.revisitButton) change((c) => c.showRevisitButton(core))
  return api
}
