import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { reset, serveLocales, setup } from './context'

/**
 * The UI's root sits at the end of <body> (where hydration never meets it),
 * yet the banner comes first in the tab order while it shows (tab-order.ts).
 * The browser suite checks this with a real keyboard; here, the rules.
 */

/** The document listeners a mount added: a page mounts once, so each test removes its own (reset() does not). */
let added: [string, EventListenerOrEventListenerObject, unknown][] = []
beforeEach(() => {
  serveLocales()
  document.body.innerHTML = '<main><a href="/first">first</a><a href="/second">second</a></main>'
  const add = document.addEventListener.bind(document)
  vi.spyOn(document, 'addEventListener').mockImplementation((type: string, fn: EventListenerOrEventListenerObject | null, opts?: boolean | AddEventListenerOptions) => {
    added.push([type, fn!, opts])
    add(type, fn!, opts)
  })
})
afterEach(() => {
  for (const [type, fn, opts] of added) document.removeEventListener(type, fn, opts as boolean | EventListenerOptions)
  added = []
  reset()
})

/** Presses Tab (or Shift+Tab) where focus is; true when nanoconsent moved focus itself. */
const tab = (shiftKey = false) => {
  const from = (document.activeElement?.shadowRoot?.activeElement || document.activeElement || document.body) as HTMLElement
  return !from.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', shiftKey, bubbles: true, composed: true, cancelable: true }))
}
/** The banner's controls in its tab order: the policy link in its text, then the buttons. */
const controlsOf = ($$: (sel: string) => HTMLElement[]) => $$('.nc-banner a[href], .nc-banner button')
/** The focused element, through the UI's shadow root. */
const focused = () => document.activeElement?.shadowRoot?.activeElement || document.activeElement
const link = (name: string) => document.querySelector<HTMLElement>(`a[href="/${name}"]`)!

describe('the banner first in the tab order', () => {
  it('Tab from nowhere enters the banner; from its last control it goes on to the page’s first', async () => {
    const { ui, host, $$ } = await setup()
    ui.showBanner()
    const controls = controlsOf($$)
    expect(controls.map((c) => c.textContent)).toEqual(['Privacy policy', 'Accept all', 'Reject all', 'Customize'])
    expect(document.body.lastElementChild).toBe(host)
    expect(tab()).toBe(true)
    expect(focused()).toBe(controls[0])
    controls[controls.length - 1]!.focus()
    expect(tab()).toBe(true)
    expect(focused()).toBe(link('first'))
  })

  it('Shift+Tab from the page’s first control comes back to the banner’s last', async () => {
    const { ui, $$ } = await setup()
    ui.showBanner()
    const controls = controlsOf($$)
    link('first').focus()
    expect(tab(true)).toBe(true)
    expect(focused()).toBe(controls[controls.length - 1])
  })

  it('elsewhere, and once the banner is hidden, the browser’s own order applies', async () => {
    const { ui } = await setup()
    ui.showBanner()
    link('first').focus()
    expect(tab()).toBe(false)
    expect(focused()).toBe(link('first'))
    ui.hide()
    document.body.focus()
    ;(document.activeElement as HTMLElement | null)?.blur?.()
    expect(tab()).toBe(false)
  })
})
