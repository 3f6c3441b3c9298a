/**
 * Tells other tabs of the site that the choice changed, and hears them.
 * BroadcastChannel reaches open tabs at once; where it is missing (or a tab
 * was asleep), the cookie is checked again whenever the tab gains focus or
 * its visibility changes (either way: a re-read that finds nothing new does
 * nothing). `reread` re-reads the cookie and applies it if it differs.
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
  document.addEventListener('visibilitychange', reread)
  return () => channel && channel.postMessage(1)
}
