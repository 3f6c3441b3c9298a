import { h, render } from 'preact'
import type { Method, UiContext, UiHandle } from '../core/types.js'
import { App } from './app.js'
import { deepActiveElement, inertOthers } from './focus.js'
import { attachHost } from './host.js'
import { loadLocale } from './locale.js'
import { downloadRecord } from './record-download.js'
import { css } from './styles.js'
import { keepBannerFirst } from './tab-order.js'
import type { View } from './view.js'

/**
 * Mounts the banner and preferences modal into an open shadow root on
 * `<div id="nanoconsent-root">` (see host.ts for where and when), in the
 * visitor's language. Nothing is shown until `showBanner()` or `showPreferences()`.
 */
export async function mount(ctx: UiContext): Promise<UiHandle> {
  const [{ lng, dir, t }, host] = await Promise.all([loadLocale(ctx), attachHost()])
  const { config, api } = ctx

  host.lang = lng
  host.dir = dir
  if (config.theme === 'light' || config.theme === 'dark') host.setAttribute('data-theme', config.theme)
  const shadow = host.attachShadow({ mode: 'open' })
  const style = document.createElement('style')
  if (ctx.nonce) style.setAttribute('nonce', ctx.nonce)
  style.textContent = css
  const root = document.createElement('div')
  root.className = config.layout === 'box' ? 'nc nc-box' : 'nc'
  root.lang = lng
  root.dir = dir
  shadow.append(style, root)
  keepBannerFirst(host, () => (view.banner && !view.modal ? root.querySelector<HTMLElement>('.nc-banner') : null))

  let bannerBeforeModal = false
  let opener: Element | null = null
  let undoInert: (() => void) | null = null
  let scrollPadding: string | null = null
  const html = document.documentElement

  const all = (on: boolean): Record<string, boolean> =>
    Object.fromEntries(config.categories.map((c) => [c.id, c.id === 'necessary' || on]))

  const choose = (choice: Record<string, boolean>, method: Method) => {
    ctx.choose({ ...choice, necessary: true }, method, lng)
    view.banner = false
    if (view.modal) closeModal(false)
    else draw()
  }

  // Keeps the focused element clear of the fixed banner (WCAG 2.4.11).
  const padForBanner = () => {
    const el = root.querySelector('.nc-banner')
    if (view.banner && el) {
      if (scrollPadding === null) scrollPadding = html.style.scrollPaddingBottom
      const height = Math.max(0, Math.ceil(innerHeight - el.getBoundingClientRect().top))
      html.style.scrollPaddingBottom = `${height}px`
    } else if (scrollPadding !== null) {
      html.style.scrollPaddingBottom = scrollPadding
      scrollPadding = null
    }
  }

  const draw = () => {
    view.record = api.record()
    render(h(App, { view }), root)
    padForBanner()
  }

  const openModal = (from?: Element | null) => {
    if (view.modal) return
    opener = from || deepActiveElement()
    bannerBeforeModal = view.banner
    view.banner = false
    const state = api.$consent.get()
    view.draft = Object.fromEntries(config.categories.map((c) => [c.id, c.id === 'necessary' || (state.decided && !!state[c.id])]))
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
    config,
    notices: ctx.notices,
    banner: false,
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

  api.$consent.listen(() => draw())
  draw()
  const bannerEl = root.querySelector('.nc-banner')
  if (bannerEl && typeof ResizeObserver === 'function') new ResizeObserver(padForBanner).observe(bannerEl)

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
