const SELECTOR = 'script[type="text/plain"][data-category],iframe[data-category][data-src],img[data-category][data-src]'

export interface Gate {
  /** Activates every waiting tag whose category rule now holds. */
  scan(): void
}

/**
 * Gating of marked tags. A tag waits until `allowed(rule)` holds for its
 * `data-category` (`analytics`, or `!analytics` for a fallback), then is
 * activated once. Scripts run one after another in document order: an
 * external script has loaded (or failed) before the next one runs, as the
 * parser would have done. Tags added later are caught by a MutationObserver.
 */
export function createGate(allowed: (rule: string) => boolean, nonce: string): Gate {
  const done = new WeakSet<Element>()
  let queue = Promise.resolve()
  let started = false

  const activate = (el: HTMLElement) => {
    const src = el.dataset.src
    if (el.tagName != 'SCRIPT') return void (el.setAttribute('src', src!))
    const script = document.createElement('script')
    for (const { name, value } of Array.from(el.attributes)) {
      if (name != 'type' && name != 'data-src' && name != 'data-type') script.setAttribute(name, value)
    }
    if (el.dataset.type) script.type = el.dataset.type
    if (nonce) script.nonce = nonce
    if (!src) {
      script.text = el.textContent || ''
      el.replaceWith(script)
      return
    }
    // Without this a script created by JS runs whenever it arrives; the
    // queue already keeps the order, and async would let it run early.
    if (!el.hasAttribute('async')) script.async = false
    return new Promise<void>((loaded) => {
      script.onload = script.onerror = () => loaded()
      script.src = src
      el.replaceWith(script)
    })
  }

  const scan = () => {
    if (!started) return
    document.querySelectorAll<HTMLElement>(SELECTOR).forEach((el) => {
      if (done.has(el) || !allowed(el.dataset.category!)) return
      done.add(el)
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
