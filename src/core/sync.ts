/**
 * Tells other tabs of the site that the choice changed, and hears them.
 * BroadcastChannel reaches open tabs at once; where it is missing (or a tab
 * was asleep), the cookie is checked again whenever the tab gains focus or
 * becomes visible. `reread` re-reads the cookie and applies it if it differs.
 */
export function syncTabs(name: string, reread: () => void): () => void {
  let channel: BroadcastChannel | undefined
  try {
    channel = new BroadcastChannel(`nanoconsent:${name}`)
    channel.onmessage = reread
  } catch {
    // No BroadcastChannel: focus and visibility checks below still work.
  }
  addEventListener('focus', reread)
  document.addEventListener('visibilitychange', () => document.visibilityState == 'visible' && reread())
  return () => channel && channel.postMessage(1)
}
