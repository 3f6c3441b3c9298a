import { deepActiveElement, FOCUSABLE } from './focus.js'

/** The focusable elements under `root` that Tab would stop at, in document order. */
function stops(root: ParentNode, skip?: Element): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => el.tabIndex >= 0 && !el.closest('[inert]') && el.getClientRects().length > 0 && !(skip && skip.contains(el))
  )
}

/**
 * Keeps the banner first in the tab order while it shows, although its
 * root sits at the end of `<body>` (where hydration never sees it):
 * - Tab from nowhere (focus still on the page itself) enters the banner;
 * - Tab from the banner's last control goes on to the page's first;
 * - Shift+Tab from the page's first control comes back to the banner's last.
 * `banner()` is the banner while it shows, else null. Returns the undo function.
 */
export function keepBannerFirst(host: HTMLElement, banner: () => HTMLElement | null): () => void {
  const onKey = (e: KeyboardEvent) => {
    const box = banner()
    if (e.key != 'Tab' || !box || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return
    const mine = stops(box)
    const page = stops(document, host)
    const active = deepActiveElement()
    const nowhere = !active || active == document.body || active == document.documentElement
    const target = e.shiftKey
      ? active == page[0] && mine[mine.length - 1]
      : nowhere
        ? mine[0]
        : active == mine[mine.length - 1] && page[0]
    if (target) {
      e.preventDefault()
      target.focus()
    }
  }
  document.addEventListener('keydown', onKey, true)
  return () => document.removeEventListener('keydown', onKey, true)
}
