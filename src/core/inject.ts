import { trusted } from './trusted-types.js'

/**
 * Adds an external script to <head>, carrying the page's CSP nonce so it runs
 * under a strict `script-src 'nonce-…'` policy. Resolves when it has loaded
 * or failed: a tracker that fails to load must not stall the gating queue.
 */
export function injectScript(src: string, nonce: string): Promise<void> {
  const script = document.createElement('script')
  if (nonce) script.nonce = nonce
  return new Promise((done) => {
    script.onload = script.onerror = () => done()
    script.src = trusted().createScriptURL(src)
    document.head.appendChild(script)
  })
}
