import { atom } from 'nanostores'
import { builtInCategories } from './defaults.js'
import { deniedState } from './store.js'
import type { Nanoconsent } from './types.js'

/**
 * An API that grants nothing and does nothing: on the server, where there is
 * no page, and on a page where the loader could not start, so that host code
 * calling `nanoconsent.get()` still gets an answer: nothing granted.
 */
export function inert(): Nanoconsent {
  const $consent = atom(deniedState(builtInCategories))
  const none = async () => {}
  return {
    get: () => $consent.get(),
    acceptAll: none,
    rejectAll: none,
    set: none,
    showBanner: none,
    showPreferences: none,
    hide() {},
    on: () => () => {},
    record: () => null,
    reset() {},
    $consent
  }
}
