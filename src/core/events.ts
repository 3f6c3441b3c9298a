import type { ConsentState } from './types.js'

/**
 * The two moments site code and tag managers hear of, each as a DOM event on
 * `document` and a dataLayer event (GTM's custom-event triggers):
 * - `consent`: the state is known on this page: at load when a stored choice
 *   holds, and after every choice (`nanoconsent_consent`);
 * - `change`: the state differs from before (`nanoconsent_update`).
 * Each push also carries `nanoconsent: state`, so GTM's data-layer variable
 * `nanoconsent` always holds the current state.
 */
export function announce(moment: 'consent' | 'change', state: ConsentState, previous?: ConsentState): void {
  document.dispatchEvent(new CustomEvent(`nanoconsent:${moment}`, { detail: { state, previous } }))
  window.dataLayer.push({ event: moment == 'change' ? 'nanoconsent_update' : 'nanoconsent_consent', nanoconsent: state })
}
