/**
 * Tells other tabs of the site about a choice, and hears theirs. The message
 * carries the choice itself (the cookie value), so a tab need not trust
 * which write reached the cookie jar last. BroadcastChannel reaches open
 * tabs at once; where it is missing (or a tab was asleep), the cookie is
 * read again whenever the tab gains focus or its visibility changes.
 * `hear` gets the value a message carried, or nothing on focus.
 */
export function syncTabs(name: string, hear: (value?: unknown) => void): (value: string) => void {
  let channel: BroadcastChannel | undefined
  try {
    channel = new BroadcastChannel(`nanoconsent:${name}`)
    channel.onmessage = (e) => hear(e.data)
  } catch {
    // No BroadcastChannel: focus and visibility checks below still work.
  }
  addEventListener('focus', () => hear())
  document.addEventListener('visibilitychange', () => hear())
  return (value) => channel && channel.postMessage(value)
}
