import { release, withdraw } from './embed.js'
import { runScript } from './run-script.js'
import { hasFallback, standIn } from './stand-in.js'
import { httpUrl, refusal } from './tag-trust.js'
import type { ConsentState } from './types.js'

/** Marked tags, fallbacks of any kind, and sources that may take their category from their parent. */
const SELECTOR = '[data-category],source[data-src],source[data-srcset]'
/** Embeds follow their category both ways: loaded on a grant, stopped on a withdrawal. */
const EMBED = /^(IFRAME|VIDEO|AUDIO)$/

/** An empty placeholder box for a gated iframe, and what it stands in for; the UI chunk fills it. */
export interface Slot {
  box: HTMLElement
  iframe: HTMLIFrameElement
  category: string
}

export interface Gate {
  /**
   * Brings every marked tag in line with the state: activates what now
   * holds, stops embeds and shows fallbacks whose category was withdrawn.
   * Scripts run under the state of the last call without `confirm: false`,
   * which the loader makes once the change chunk has handled a change
   * (activate.ts says why).
   */
  scan(confirm?: boolean): void
}

/**
 * Gating of marked tags. A tag waits until its `data-category` rule holds
 * (`analytics`, or `!analytics` for a fallback):
 * - scripts, images, stylesheet links and a fallback's `data-src` are
 *   activated once. Scripts run one after another in document order: an
 *   external script has loaded (or failed) before the next one runs, as
 *   the parser would have done;
 * - iframes, video, audio and their sources load on a grant and stop on a
 *   withdrawal, and load again on a later grant. A `<source>` without a
 *   rule of its own takes its parent's (`<video>`, `<audio>`, or the
 *   `<img>` of a `<picture>`);
 * - a fallback, any element with a `!category` rule, has the `hidden`
 *   attribute while its category is granted;
 * - a gated iframe is hidden while it waits, and something stands in for
 *   it: the owner's fallback next to it, or a placeholder box (stand-in.ts)
 *   handed to `placeholders` to fill; `data-placeholder="none"` leaves it
 *   as it is.
 * Tags added later are caught by a MutationObserver.
 *
 * The gate turns inert markup into live requests, so it must act only on
 * markup the page wrote, never on what an HTML-injection bug let in:
 * - a rule names a category of the config (or `!` and one); anything else,
 *   `constructor` and `decided` included, never holds, and its tags are left alone;
 * - when the loader carries a CSP nonce, a marked script runs only if it
 *   carries the same nonce, which injected markup cannot know;
 * - every URL must be http(s): never `javascript:`, `data:` or `blob:` (tag-trust.ts).
 */
export function createGate(ids: string[], state: () => ConsentState, nonce: string, placeholders: (slots: Slot[]) => void): Gate {
  /** Tags activated once, or refused. */
  const done = new WeakSet<Element>()
  /** Embeds currently loaded. */
  const loaded = new WeakSet<Element>()
  /** Elements the gate hid: only those are shown again. */
  const hid = new WeakSet<Element>()
  const boxes = new Map<HTMLElement, HTMLElement>()
  const warned = new Set<string>()
  let queue = Promise.resolve()
  let started = false
  /** The state scripts run under. */
  let confirmed = state()

  /** Whether a rule holds; undefined for a rule naming no category of this page. */
  const holds = (rule: string, now: ConsentState): boolean | undefined => {
    const id = rule.replace(/^!/, '')
    if (ids.includes(id)) return (rule[0] == '!') != now[id]
    if (!warned.has(rule)) console.warn(`nanoconsent: data-category "${rule}" is not a category of this page (${ids.join(', ')}); its tags stay inert`)
    warned.add(rule)
  }

  const show = (el: HTMLElement, visible: boolean) => {
    if (visible ? hid.delete(el) : !el.hidden && hid.add(el)) el.hidden = !visible
  }

  /** Whether `el` may load; a refused tag is named once and never tried again. */
  const allowed = (el: HTMLElement) => {
    const refused = refusal(el, nonce)
    if (!refused) return true
    done.add(el)
    console.error(`nanoconsent: refused to activate a marked <${el.tagName.toLowerCase()}>: ${refused}`, el)
  }

  const scan = (confirm = true) => {
    if (confirm) confirmed = state()
    if (!started) return
    const media = new Set<HTMLMediaElement>()
    const fresh: Slot[] = []
    for (const [iframe, box] of boxes) if (!iframe.isConnected) boxes.delete(iframe) && box.remove()
    document.querySelectorAll<HTMLElement>(SELECTOR).forEach((el) => {
      const tag = el.tagName
      const parent = el.parentElement!
      const script = tag == 'SCRIPT'
      const rule = el.dataset.category || (tag == 'SOURCE' && (parent.dataset.category || (parent.tagName == 'PICTURE' && parent.querySelector('img')?.dataset.category)))
      if (!rule || (script && el.getAttribute('type') != 'text/plain')) return
      const fallback = rule[0] == '!'
      const held = el.dataset.src ?? el.dataset.srcset ?? el.dataset.href
      // Nothing to do: a positive rule on an element with no URL to hold back.
      if (!script && !fallback && held == null) return
      const on = holds(rule, script ? confirmed : state())
      if (on == null) return
      if (fallback && !script) show(el, on)

      if (fallback || !(EMBED.test(tag) || (tag == 'SOURCE' && EMBED.test(parent.tagName)))) {
        if (!on || done.has(el) || !allowed(el)) return
        done.add(el)
        if (script) queue = queue.then(() => (el.isConnected ? runScript(el, nonce) : undefined)).catch((e) => console.error('nanoconsent: could not activate', el, e))
        else release(el)
        return
      }

      const medium = tag == 'SOURCE' ? parent : el
      if (on && !loaded.has(el) && !done.has(el) && allowed(el)) {
        loaded.add(el)
        release(el)
        if (medium instanceof HTMLMediaElement) media.add(medium)
      } else if (!on && loaded.has(el)) {
        loaded.delete(el)
        withdraw(el)
        if (medium instanceof HTMLMediaElement) media.add(medium)
      }
      if (tag != 'IFRAME' || el.dataset.placeholder == 'none') return
      // The box is measured before the iframe is hidden.
      let box = boxes.get(el)
      if (!on && !box && !hasFallback(el, rule) && httpUrl(held!, el)) {
        boxes.set(el, (box = standIn(el)))
        fresh.push({ box, iframe: el as HTMLIFrameElement, category: rule })
      }
      if (box) box.style.display = on ? 'none' : 'inline-block'
      show(el, on)
    })
    media.forEach((m) => m.load())
    if (fresh.length) placeholders(fresh)
  }

  // Before DOMContentLoaded an inline tag may still be half-parsed, so the
  // first scan, and watching for later tags, waits for the whole document.
  const start = () => {
    started = true
    scan(false)
    new MutationObserver(() => scan(false)).observe(document.documentElement, { childList: true, subtree: true })
  }
  if (document.readyState == 'loading') document.addEventListener('DOMContentLoaded', start)
  else start()
  return { scan }
}
