import { httpUrl } from './tag-trust.js'

/**
 * Hands the browser the URLs a marked tag holds back: `data-srcset` becomes
 * `srcset` (before `src`, so an image is fetched once, at the right size),
 * `data-src` becomes `src` and `data-href` becomes `href`. The gate has
 * checked every one of them (tag-trust.ts).
 */
export function release(el: HTMLElement): void {
  const { src, srcset, href } = el.dataset
  if (srcset != null) el.setAttribute('srcset', srcset)
  if (src != null) el.setAttribute('src', httpUrl(src, el))
  if (href != null) el.setAttribute('href', httpUrl(href, el))
}

/**
 * Stops an embed whose category was withdrawn, keeping its `data-*` for a
 * later grant. An iframe is sent to about:blank first: removing its `src`
 * alone would leave the embedded page running. A media element or source
 * loses its URLs; the gate then calls the media element's `load()`, which
 * is what stops the playback.
 */
export function withdraw(el: HTMLElement): void {
  if (el.tagName == 'IFRAME') el.setAttribute('src', 'about:blank')
  el.removeAttribute('src')
  el.removeAttribute('srcset')
}
