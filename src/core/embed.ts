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
 * later grant. An iframe without `src` goes to about:blank (HTML's "process
 * the iframe attributes"), which ends the embedded page. A media element or
 * source loses its URLs; the gate then calls the media element's `load()`,
 * which is what stops the playback.
 */
export function withdraw(el: HTMLElement): void {
  el.removeAttribute('src')
  el.removeAttribute('srcset')
}
