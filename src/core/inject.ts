/**
 * Adds an external script to <head>, carrying the page's CSP nonce so it runs
 * under a strict `script-src 'nonce-…'` policy. Resolves when it has loaded
 * or failed: a tracker that fails to load must not stall the gating queue.
 */
export function injectScript(src: string, nonce: string, from?: HTMLScriptElement): Promise<void> {
  const script = from || document.createElement('script')
  if (nonce) script.nonce = nonce
  return new Promise((done) => {
    script.onload = script.onerror = () => done()
    script.src = src
    document.head.appendChild(script)
  })
}
