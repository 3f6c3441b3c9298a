import { h, render } from 'preact'
import type { Method, Nanoconsent, UiContext, UiHandle } from '../core/types.js'
import { App } from './app.js'
import { fitBanner } from './banner-fit.js'
import { deepActiveElement, inertOthers } from './focus.js'
import { attachHost } from './host.js'
import type { Locale } from './locale.js'
import { localeOf, resolvedOf } from './words.js'
import { fillPlaceholders } from './placeholder.js'
import { downloadRecord } from './record-download.js'
import { quickTranslator } from './quick-t.js'
import { openShadow } from './shadow.js'
import { keepBannerFirst } from './tab-order.js'
import type { View } from './view.js'

import { choose } from '../core/choose.js'
import type { Core } from '../core/core.js'
import type { Slot } from '../core/gate.js'

/** Reported, never thrown into the page. */
const report = (e: unknown) => console.error('nanoconsent:', e)

/**
 * Mounts the banner and preferences modal into an open shadow root on
 * `<div id="nanoconsent-root">` (see host.ts for where and when), in the
 * visitor's language. Nothing is shown until `showBanner()` or
 * `showPreferences()`, unless `withBanner`: the banner is then in the first
 * render, so a first visit renders once. `painted` is the work that comes
 * first once it has painted; i18next (i18n.js) follows it, and the handle is
 * returned once i18next is there (or has failed).
 */
export async function mount(ctx: UiContext, withBanner = false, painted: () => unknown = () => {}): Promise<UiHandle> {
  const [words, host] = await Promise.all([resolvedOf(ctx), attachHost()])
  // The banner's words without i18next where they allow it (quick-t.ts): i18next follows its first paint.
  const quick = quickTranslator(words)
  const locale: Locale = quick ? { lng: words.lng, dir: words.dir, t: quick } : await localeOf(ctx)
  const { lng, t } = locale
  const { config, api } = ctx
  const root = openShadow(host, locale, config, ctx.nonce, config.layout === 'box' ? 'nc nc-box' : 'nc')
  keepBannerFirst(host, () => (view.banner && !view.modal ? root.querySelector<HTMLElement>('.nc-banner') : null))

  let bannerBeforeModal = false
  let opener: Element | null = null
  let undoInert: (() => void) | null = null

  const all = (on: boolean): Record<string, boolean> =>
    Object.fromEntries(config.categories.map((c) => [c.id, c.id === 'necessary' || on]))

  const choose = (choice: Record<string, boolean>, method: Method) => {
    ctx.choose({ ...choice, necessary: true }, method, lng)
    view.banner = false
    if (view.modal) closeModal(false)
    else draw()
  }

  const draw = () => {
    view.record = api.record()
    render(h(App, { view }), root)
  }

  /** i18next's words from now on: the preferences need them (plurals), and the banner's stay the same. */
  const upgrade = () =>
    localeOf(ctx).then((full) => {
      view.t = full.t
      draw()
    })

  const openModal = (from?: Element | null): void => {
    if (view.modal) return
    if (view.t == quick) return void upgrade().then(() => openModal(from), report)
    opener = from || deepActiveElement()
    bannerBeforeModal = view.banner
    view.banner = false
    const state = api.$consent.get()
    // Earlier answers are pre-filled, also when a category was added since (nothing is granted until it is answered).
    const earlier = ctx.notices.answers || {}
    view.draft = Object.fromEntries(config.categories.map((c) => [c.id, c.id === 'necessary' || !!(state.decided ? state : earlier)[c.id]]))
    view.modal = true
    draw()
    undoInert = inertOthers(host)
    root.querySelector<HTMLElement>('#nc-mt')?.focus()
  }

  /** `restoreBanner`: the modal was closed without a choice, so the banner comes back. */
  function closeModal(restoreBanner: boolean) {
    if (!view.modal) return
    view.modal = false
    if (restoreBanner && bannerBeforeModal) view.banner = true
    draw()
    undoInert?.()
    undoInert = null
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus()
    opener = null
  }

  const view: View = {
    t,
    lng,
    config,
    notices: ctx.notices,
    banner: withBanner,
    modal: false,
    draft: {},
    record: null,
    acceptAll: () =>
      ctx.notices.gpc
        ? choose({ ...all(true), advertising: false, affiliate: false }, 'gpc')
        : choose(all(true), 'accept-all'),
    rejectAll: () => choose(all(false), 'reject-all'),
    save: () => choose(view.draft, 'custom'),
    toggle: (id, on) => {
      view.draft = { ...view.draft, [id]: id === 'necessary' || on }
      draw()
    },
    customize: (from) => openModal(from),
    closeModal: () => closeModal(true),
    download: () => {
      const record = api.record()
      if (record) downloadRecord(record, root)
    }
  }

  // The outcome, for privacy tools to check (README, "For privacy tools"): the granted ids once decided.
  const mark = () => {
    const state = api.$consent.get()
    if (state.decided) host.setAttribute('data-consent', config.categories.filter((c) => state[c.id]).map((c) => c.id).join(' '))
    else host.removeAttribute('data-consent')
  }
  api.$consent.listen(() => (mark(), draw()))
  mark()
  draw()
  fitBanner(root.querySelector('.nc-banner')!, root.querySelector('.nc-text')!, config.layout === 'box' ? 16 : 0)
  // A chunk that fails keeps the quick words on the banner; opening the preferences asks for it again.
  await new Promise<void>((done) => afterPaint(() => done()))
    .then(painted)
    .then(() => quick && upgrade())
    .catch(report)

  return {
    showBanner() {
      if (view.modal) bannerBeforeModal = true
      else view.banner = true
      draw()
    },
    showPreferences: openModal,
    hide() {
      bannerBeforeModal = false
      view.banner = false
      closeModal(false)
      draw()
    }
  }
}

let mounted: Promise<UiHandle> | undefined

/**
 * The loader's way in: mounts the UI once, then shows the banner, or the
 * preferences when an `opener` is given (it gets focus back on close). The
 * banner's buttons choose here (core/choose.ts), so a choice holds even
 * while change.js cannot load. change.js (validation, storing) and
 * activate.js are fetched once the banner has painted, so "Accept all"
 * starts trackers without a round trip.
 */
export async function show(core: Core, api: Nanoconsent, opener?: Element | null): Promise<void> {
  // Categories this page shows that the visitor's choice never answered: the banner says they are new.
  const { proof } = core
  if (proof) core.notices.added = core.ids.filter((id) => !(id in proof.categories))
  core.notices.answers = proof ? proof.categories : {}
  const first = !mounted
  // The other chunks would share the link and the main thread with the banner: they follow its
  // first paint, change.js and activate.js first ("Accept all" needs them), then i18next.
  // A chunk that keeps failing is retried for half a minute: i18next waits for them a second at most.
  const chunks = () =>
    Promise.race([Promise.all([core.change((c) => c.validate(core)), core.load('activate').catch(() => {})]), new Promise((r) => setTimeout(r, 1000))])
  mounted ||= mount({ api, config: core.config, notices: core.notices, nonce: core.nonce, assetsUrl: core.assetsUrl, locale: core.locale, choose: (g, m, l) => choose(core, g, m, l) }, !opener, chunks)
  const handle = await mounted
  if (opener) handle.showPreferences(opener)
  else if (!first) handle.showBanner()
}

/** Runs `fn` once the next frame has been painted (a task queued from its animation frame). */
const afterPaint = (fn: () => unknown) => requestAnimationFrame(() => setTimeout(fn))

/** Hides banner and modal. Closing is not consent. */
export function hide(): void {
  if (mounted) mounted.then((h) => h.hide())
}

/** Fills the placeholder boxes the gate made for gated iframes (ui/placeholder.tsx). */
export async function placeholders(core: Core, slots: Slot[]): Promise<void> {
  fillPlaceholders(core, slots, await localeOf(core))
}
