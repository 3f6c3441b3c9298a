/**
 * Tells other tabs of the site about a choice, and hears theirs. The message
 * carries the choice itself (the cookie value), so a tab need not trust
 * which write reached the cookie jar last. BroadcastChannel reaches open
 * tabs at once; where it is missing (or a tab was asleep), the cookie is
 * read again whenever the tab's visibility changes.
 * `hear` gets the value a message carried, or nothing when the tab shows.
 */
export function syncTabs(name: string, hear: (value?: unknown) => void): (value: string) => void {
  let channel: BroadcastChannel | undefined
  try {
    channel = new BroadcastChannel(`nanoconsent:${name}`)
    channel.onmessage = (e) => hear(e.data)
  } catch {
    // No BroadcastChannel: the visibility check below still works.
  }
  // A tab coming back into view (asleep, or where BroadcastChannel is missing) reads the cookie.
  document.addEventListener('visibilitychange', () => hear())
  return (value) => channel && channel.postMessage(value)
}
