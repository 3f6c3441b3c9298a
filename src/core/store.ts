import type { ConsentState } from './types'

/**
 * The consent state's two shapes. The store itself is a nanostores `atom`
 * created in create.ts and shared as `core.$consent`; these build its values.
 */

/** Everything denied but `necessary`: the state before any valid choice. */
export function deniedState(ids: string[]): ConsentState {
  return stateFrom({}, ids, false)
}

/**
 * Turns a choice into a full state over the configured categories. Unknown
 * names are dropped with a warning and never stored; `necessary` stays on.
 */
export function stateFrom(choice: Record<string, unknown>, ids: string[], decided = true): ConsentState {
  const state = { decided } as ConsentState
  for (const id of ids) state[id] = !ids.indexOf(id) || choice[id] === true
  for (const id in choice) if (!ids.includes(id) && id != 'decided') console.warn(`nanoconsent: unknown category "${id}" ignored`)
  return state
}
