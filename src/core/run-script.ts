import { httpUrl } from './tag-trust.js'
import { trusted } from './trusted-types.js'

/**
 * Runs a marked `<script type="text/plain">` by replacing it with a live
 * copy: its attributes but type, src and nonce; `data-type` becomes the type
 * and `data-src` the src. Resolves once an external script has loaded (or
 * failed), so the gate runs the next one only then, as the parser would.
 */
export function runScript(el: HTMLElement, nonce: string): Promise<void> | void {
  const src = el.dataset.src && httpUrl(el.dataset.src, el)
  const script = document.createElement('script')
  for (const { name, value } of Array.from(el.attributes)) {
    if (!/^(type|src|nonce|data-src|data-type)$/.test(name)) script.setAttribute(name, /^on/.test(name) ? trusted().createScript(value) : value)
  }
  if (el.dataset.type) script.type = el.dataset.type
  if (nonce) script.nonce = nonce
  if (!src) {
    script.text = trusted().createScript(el.textContent || '')
    el.replaceWith(script)
    return
  }
  // Without this a script created by JS runs whenever it arrives; the
  // queue already keeps the order, and async would let it run early.
  if (!el.hasAttribute('async')) script.async = false
  return new Promise<void>((loaded) => {
    script.onload = script.onerror = () => loaded()
    script.src = trusted().createScriptURL(src)
    el.replaceWith(script)
  })
}
