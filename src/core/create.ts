import { atom } from 'nanostores'
import { NEEDED_BY, plain, readConfig } from './config.js'
import { builtInCategories } from './defaults.js'
import { pushDefault, pushUpdate } from './consent-mode.js'
import { announce } from './events.js'
import { decodeChoice, newest } from './cookie-codec.js'
import type { Chunks, Core, Proof } from './core.js'
import { readCookies } from './read-cookie.js'
import { recordOf } from './record.js'
import { TRANSLATED } from './shipped.js'
import { deniedState, differs, stateFrom } from './store.js'
import { syncTabs } from './sync.js'
import type { LocaleResource, Nanoconsent } from './types.js'

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
  /**
   * Imports a shipped language (`ar`, `fr`) the way this entry bundles it;
   * handed to the UI as is. The script tag has none: the UI fetches
   * `locales/<lang>.json` from `assetsUrl`.
   */
  locale?(lang: string): Promise<LocaleResource | null>
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
  const tries: Record<string, number> = {}
  /**
   * Imports a chunk once. A failed import is reported and tried again after
   * 1, 2, 4… s with a new URL (a browser remembers a failed module URL);
   * after five tries it gives up until the next call. Work waiting on it
   * waits on, so a choice is stored when change.js arrives.
   */
  const load: Core['load'] = (name) => {
    const attempt = (): Promise<any> =>
      env.load(name, env.assetsUrl, (tries[name] ||= 0)).catch((e) => {
        report(e)
        if (++tries[name] % 5) return new Promise((r) => setTimeout(r, 500 * 2 ** (tries[name] % 5))).then(attempt)
        delete chunks[name]
        // Reported above: the callers waiting on the chain hear a bare rejection, which report() skips.
        throw undefined
      })
    return (chunks[name] ||= attempt())
  }

  /** Work for the change chunk, done in order once it is loaded; kept while it cannot load. */
  const work: ((c: Chunks['change']) => unknown)[] = []
  const change = (fn?: (c: Chunks['change']) => unknown): Promise<void> => {
    if (fn) work.push(fn)
    return load('change').then((c) => {
      while (work.length) guard(() => work.shift()!(c))
    }, report)
  }
  /** Work for the UI chunk, which mounts itself once (ui/index.ts show). */
  const ui = (fn: (m: Chunks['ui']) => unknown): Promise<void> =>
    load('ui')
      .then(fn)
      .then(() => {}, report)

  /** The newest readable choice among every consent cookie the page sees. */
  const readStored = (): Proof | null => readCookies(config.cookieName).reduce<Proof | null>((a, v) => newest(a, decodeChoice(v, Date.now())), null)
  /** A choice holds under the page's revision, until it expires. */
  const holds = (p: Proof | null) => (p && p.revision == config.revision && Date.now() - p.time < config.expiresAfterDays * 864e5 ? p : null)
  /**
   * The page's state: the answers, once every category shown here is
   * answered. Until then nothing is granted (fail closed: a page that asks
   * runs nothing), and the earlier answers only pre-fill the preferences.
   */
  const stateOf = (p: Proof | null) => (p && !config.unknowable && ids.every((id) => id in p.categories) ? stateFrom(p.categories, ids) : deniedState(ids))

  const gpc = config.respectGpc && (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl === true
  const stored = readStored()
  const core: Core = {
    sources,
    config,
    ids,
    gpc,
    nonce: env.nonce,
    assetsUrl: env.assetsUrl,
    locale: env.locale,
    // Shared with the UI, which words the banner from it.
    notices: { gpc, revisionChanged: !!stored && stored.revision < config.revision, added: [] },
    proof: holds(stored),
    reloading: false,
    $consent: atom(deniedState(ids)),
    load,
    change,
    broadcast: () => {},
    known() {
      announce('consent', $consent.get())
      $known.set($known.get() + 1)
    },
    adopt(proof) {
      core.proof = proof
      $consent.set(stateOf(proof))
    },
    showBanner: () => ui((m) => m.show(core, api)),
    showPreferences: (opener) => ui((m) => m.show(core, api, opener || document.activeElement)),
    hide: () => void ('ui' in chunks && ui((m) => m.hide())),
    pageLocale: () => (config.locale != 'auto' ? config.locale : document.documentElement.lang || navigator.language)
  }
  const { $consent } = core
  /** A cookie in 0.1's format, which the change chunk reads once and stores again in today's. */
  const legacy = () => !core.proof && readCookies(config.cookieName).find((v) => v[0] == '1')
  if (core.proof) {
    // A choice that grants something (`necessary` always does: a second grant is a real one):
    // activate.js downloads while the page is parsed (a page that derives its categories
    // settles at DOMContentLoaded), ready when the page settles.
    if (Object.values(core.proof.categories).filter(Boolean)[1]) load('activate').catch(report)
  } else if (!legacy()) {
    // No choice holds: the banner will be asked for, so its chunk downloads while the page is parsed,
    // and so does the visitor's language when it ships (not one round trip after the UI).
    load('ui').catch(report)
    const lang = String(core.pageLocale()).slice(0, 2).toLowerCase()
    if (TRANSLATED.includes(lang) && !Object(config.resources)[lang]) env.locale?.(lang)
  }
  /** How often the state became known on this page; `on('consent')` subscribes to it, so late listeners hear it at once. */
  const $known = atom(0)

  /**
   * The page's categories, when the owner lists none: the built-in ones its
   * integrations need and its marked tags name. They are known once the document is parsed, so a
   * loader that runs before then settles the state at DOMContentLoaded and
   * grants nothing until it does. A category named only by a tag added later
   * stays inert (the gate says so): a page asks about what it has when it loads.
   */
  const derive = () => {
    if (!config.derived) return
    const named = Object.keys(config.integrations).map((key) => NEEDED_BY[key])
    for (const el of document.querySelectorAll<HTMLElement>('[data-category]')) named.push(el.dataset.category!.replace('!', ''))
    // In the built-in order, whichever source named them.
    ids.splice(0, 9, ...builtInCategories.filter((id, i) => !i || named.includes(id)))
    config.categories = ids.map((id) => ({ id, cookies: [] }))
  }
  const deferred = config.derived && document.readyState == 'loading'
  /** Set while the page settles its state: that is not a change, and needs no change chunk. */
  let settling = false
  const decide = () => {
    derive()
    settling = true
    $consent.set(deferred && document.readyState == 'loading' ? deniedState(ids) : stateOf(core.proof))
    settling = false
  }
  decide()
  pushDefault($consent.get(), config)
  // Consent Mode must hear the update (changed() pushes it first, synchronously)
  // before a newly granted gtag.js is configured, or its first hit goes out denied.
  $consent.listen((state, previous) => settling || change((c) => c.changed(core, state, previous!)).then(() => void act()))

  /** Loads activate.js once there is something to act on: a grant, GA4 advanced mode, a `!category` fallback, or an affiliate click id. */
  const activate = () => load('activate').then((a) => a.activate(core), report)
  const act = () =>
    (ids.some((id, i) => i && $consent.get()[id]) ||
      Object(config.integrations.ga4).mode == 'advanced' ||
      (config.integrations.affiliate && location.search) ||
      document.querySelector('[data-category^="!"],iframe[data-category]')) &&
    activate()

  const settle = () => {
    if (deferred) {
      const before = $consent.get().decided
      decide()
      // The default went out denied; a stored choice (or one made meanwhile) is told now.
      if (before || $consent.get().decided) pushUpdate($consent.get())
    }
    // Tag managers hear the stored state on every page, before any gated tag runs; before
    // any choice the data-layer variable `nanoconsent` still holds the state (nothing granted).
    if ($consent.get().decided) core.known()
    else window.dataLayer.push({ nanoconsent: $consent.get() })
    act()
    // Fallback tags parsed, or added later by a single-page app, need it too.
    new MutationObserver(() => chunks.activate || act()).observe(document, { childList: true, subtree: true })
    const old = legacy()
    if (old) change((c) => c.migrate(core, old) || core.showBanner())
    else if (!$consent.get().decided) core.showBanner()
    else if (config.revisitButton) change((c) => c.showRevisitButton(core))
  }
  if (deferred) document.addEventListener('DOMContentLoaded', settle)
  else settle()

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
    set: (granted) => change((c) => c.set(core, granted)),
    showBanner: core.showBanner,
    showPreferences: () => core.showPreferences(),
    hide: core.hide,
    on: (event, fn) =>
      event == 'consent' ? $known.subscribe((n) => n && fn($consent.get(), $consent.get())) : $consent.listen((state, previous) => !settling && differs(state, previous!) && fn(state, previous!)),
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

  return api
}

/** An exception or a failed load is reported, never thrown into the host page. */
const report = (e: unknown) => void (e && console.error('nanoconsent:', e))

/** Runs a chunk's work, reporting what it throws. */
function guard(fn: () => unknown): void {
  try {
    fn()
  } catch (e) {
    report(e)
  }
}
