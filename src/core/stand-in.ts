/**
 * The built-in placeholder's box. A gated iframe with nothing of its own to
 * stand in for it gets one: an empty box of its size, put just before it,
 * which the UI chunk fills (ui/placeholder.tsx). It is made here, at once,
 * so the page does not shift while the UI loads.
 */

/**
 * Whether the iframe has a fallback of its own: the element just before or
 * just after it says `data-category="!<its category>"`.
 */
export function hasFallback(iframe: HTMLElement, rule: string): boolean {
  return [iframe.previousElementSibling, iframe.nextElementSibling].some((s) => s && s.getAttribute('data-category') == '!' + rule)
}

/** A side of the box: a relative width or height attribute (`100%`) as is, else the rendered size, else the attribute in pixels, else `fallback`. */
const side = (attr: string | null, rendered: number, fallback: number) =>
  attr && !/^\s*[\d.]+\s*$/.test(attr) ? attr : (rendered || parseFloat(attr!) || fallback) + 'px'

/**
 * An empty box the iframe's size (its rendered box, border included, or
 * its width and height attributes when they are relative or nothing is
 * rendered yet), put just before it. Styled through the CSSOM, which a
 * CSP without 'unsafe-inline' still allows, and inline-block, like the
 * iframe it stands for.
 */
export function standIn(iframe: HTMLElement): HTMLElement {
  const box = document.createElement('div')
  box.setAttribute('data-nanoconsent', 'placeholder')
  const { style } = box
  style.display = 'inline-block'
  style.overflow = 'auto'
  style.boxSizing = 'border-box'
  style.maxWidth = '100%'
  style.width = side(iframe.getAttribute('width'), iframe.offsetWidth, 300)
  style.height = side(iframe.getAttribute('height'), iframe.offsetHeight, 150)
  iframe.before(box)
  return box
}
