import { trusted } from './trusted-types.js'
import type { ConsentState } from './types.js'

const SELECTOR = 'script[type="text/plain"][data-category],iframe[data-category][data-src],img[data-category][data-src]'

export interface Gate {
  /** Activates every waiting tag whose category rule now holds. */
  scan(): void
}

/** The URL a tag may load: `data-src` resolved against the tag's base, when it is http(s); otherwise ''. */
export function httpUrl(src: string, el: Element): string {
  try {
    const url = new URL(src, el.baseURI)
    return /^https?:$/.test(url.protocol) ? url.href : ''
  } catch {
    return ''
  }
}

/**
 * Gating of marked tags. A tag waits until its `data-category` rule holds
 * (`analytics`, or `!analytics` for a fallback), then is activated once.
 * Scripts run one after another in document order: an external script has
 * loaded (or failed) before the next one runs, as the parser would have
 * done. Tags added later are caught by a MutationObserver.
 *
 * The gate turns inert markup into running script, so it must act only on
 * markup the page wrote, never on what an HTML-injection bug let in:
 * - a rule names a category of the config (or `!` and one); anything else,
 *   `constructor` and `decided` included, never holds;
 * - when the loader carries a CSP nonce, a marked script runs only if it
 *   carries the same nonce, which injected markup cannot know;
 * - `data-src` must be an http(s) URL: never `javascript:`, `data:` or `blob:`.
 */
export function createGate(ids: string[], state: () => ConsentState, nonce: string): Gate {
  const done = new WeakSet<Element>()
  const warned = new Set<string>()
  let queue = Promise.resolve()
  let started = false

  const holds = (rule: string) => {
    const id = rule.replace(/^!/, '')
    if (ids.includes(id)) return (rule[0] == '!') != state()[id]
    if (!warned.has(rule)) console.warn(`nanoconsent: data-category "${rule}" is not a category of this page (${ids.join(', ')}); its tags stay inert`)
    warned.add(rule)
    return false
  }

  const refusal = (el: HTMLElement) =>
    el.tagName == 'SCRIPT' && nonce && (el as HTMLScriptElement).nonce !== nonce
      ? "it lacks the page's CSP nonce"
      : el.dataset.src != null && !httpUrl(el.dataset.src, el)
        ? 'its data-src is not an http(s) URL'
        : ''

  const activate = (el: HTMLElement) => {
    // Removed before its turn (a single-page app changed route): nothing to run, and the queue moves on.
    if (!el.isConnected) return
    const src = el.dataset.src && httpUrl(el.dataset.src, el)
    if (el.tagName != 'SCRIPT') return void el.setAttribute('src', src!)
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

  const scan = () => {
    if (!started) return
    document.querySelectorAll<HTMLElement>(SELECTOR).forEach((el) => {
      if (done.has(el) || !holds(el.dataset.category!)) return
      done.add(el)
      const refused = refusal(el)
      if (refused) return console.error(`nanoconsent: refused to activate a marked tag: ${refused}`, el)
      queue = queue.then(() => activate(el)).catch((e) => console.error('nanoconsent: could not activate', el, e))
    })
  }

  // Before DOMContentLoaded an inline tag may still be half-parsed, so the
  // first scan, and watching for later tags, waits for the whole document.
  const start = () => {
    started = true
    scan()
    new MutationObserver(scan).observe(document.documentElement, { childList: true, subtree: true })
  }
  if (document.readyState == 'loading') document.addEventListener('DOMContentLoaded', start)
  else start()
  return { scan }
}
