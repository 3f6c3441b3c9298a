import type { ConsentState } from './types.js'

/**
 * The consent state's values. The store itself is a nanostores `atom`
 * created in create.ts and shared as `core.$consent`; these build what goes
 * into it.
 */

/** A full state over `ids` (which start with `necessary`, always on); other names are ignored. */
export function stateFrom(categories: Record<string, unknown>, ids: string[], decided = true): ConsentState {
  const state = { decided } as ConsentState
  for (const id of ids) state[id] = id == ids[0] || categories[id] === true
  return state
}

/** Everything denied but `necessary`: the state before any valid choice. */
export const deniedState = (ids: string[]): ConsentState => stateFrom({}, ids, false)

/** Whether two states differ in any category or in `decided`. */
export const differs = (a: ConsentState, b: ConsentState): boolean => Object.keys(a).some((k) => a[k] !== b[k])
