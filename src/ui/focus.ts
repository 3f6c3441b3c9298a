/** What Tab can stop at. */
export const FOCUSABLE =
  'a[href],button:not([disabled]),input:not([disabled]),select:not([disabled]),textarea:not([disabled]),iframe,summary,[tabindex]:not([tabindex="-1"])'

/** The element that has focus, looking through open shadow roots. */
export function deepActiveElement(): Element | null {
  let el = document.activeElement
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
  return el
}

/**
 * Keeps Tab and Shift+Tab inside `box`: from the last focusable element Tab
 * goes to the first, from the first Shift+Tab goes to the last.
 */
export function trapTab(event: KeyboardEvent, box: HTMLElement): void {
  const items = [...box.querySelectorAll<HTMLElement>(FOCUSABLE)]
  if (!items.length) return
  const active = (box.getRootNode() as Document | ShadowRoot).activeElement
  const index = items.indexOf(active as HTMLElement)
  const target = event.shiftKey
    ? index <= 0 && items[items.length - 1]
    : (index < 0 || index === items.length - 1) && items[0]
  if (target) {
    event.preventDefault()
    target.focus()
  }
}

/** Makes every child of `<body>` but `keep` inert; returns the undo function. */
export function inertOthers(keep: Element): () => void {
  const changed = [...document.body.children].filter((el) => el !== keep && !el.hasAttribute('inert'))
  for (const el of changed) el.setAttribute('inert', '')
  return () => {
    for (const el of changed) el.removeAttribute('inert')
  }
}
