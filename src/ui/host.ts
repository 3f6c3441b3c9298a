/** The UI's root element: a stable id, public (theming, privacy tools). */
export const ROOT_ID = 'nanoconsent-root'

/**
 * Resolves once the page has loaded and then gone idle (or half a second
 * has passed). A framework hydrating server-rendered HTML (React, Vue,
 * Svelte, Next.js) has then finished with the DOM, so an element it never
 * rendered cannot show up as a mismatch.
 */
function settled(): Promise<void> {
  return new Promise((resolve) => {
    const idle = () => (typeof requestIdleCallback == 'function' ? requestIdleCallback(() => resolve(), { timeout: 500 }) : setTimeout(resolve, 0))
    if (document.readyState == 'complete') idle()
    else addEventListener('load', idle, { once: true })
  })
}

/**
 * The element the UI's shadow root goes on: the page's own
 * `<div id="nanoconsent-root">` where the app placed one (outside the
 * framework's container), left where it is; otherwise a new one appended
 * to the end of `<body>`. Either way only once the page has settled, and
 * never in front of the app's markup: the banner comes first in the tab
 * order through focus handling (tab-order.ts), not through DOM position.
 */
export async function attachHost(): Promise<HTMLElement> {
  await settled()
  const existing = document.getElementById(ROOT_ID)
  // An owner's empty <div> with our id hosts the UI; any other element with it (an <img>, one with a shadow root) cannot.
  if (existing instanceof HTMLDivElement && !existing.shadowRoot) return existing
  const host = document.createElement('div')
  host.id = ROOT_ID
  document.body.append(host)
  return host
}
