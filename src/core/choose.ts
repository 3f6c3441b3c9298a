import { randomId } from './cookie-codec.js'
import type { Core } from './core.js'
import type { Method } from './types.js'

/**
 * Makes a choice. It ships in the UI chunk (for the banner's buttons) and in
 * the change chunk (for the API), so a choice made in the banner holds for
 * the page at once even while change.js cannot load; storing it (cookie,
 * record, other tabs) is queued for the change chunk before the store
 * changes, so a reload after a withdrawal finds it stored.
 *
 * It answers every category of this page. Answers this page does not show
 * (another page asked them) are kept, except that "Reject all" denies them
 * too: the visitor asked for nothing to run.
 */
export function choose(core: Core, granted: Record<string, boolean>, method: Method, locale?: string): void {
  core.hide()
  if (core.config.unknowable) return console.error('nanoconsent: choice not stored: config "categories" is not a list of categories')
  const answers: Record<string, boolean> = Object.create(null)
  const before = core.proof ? core.proof.categories : {}
  for (const id in before) answers[id] = method != 'reject-all' && before[id]!
  for (const id of core.ids) answers[id] = id == 'necessary' || granted[id] === true
  core.notices.revisionChanged = false
  core.notices.added = []
  core.change((c) => c.persist(core))
  core.adopt({ id: core.proof ? core.proof.id : randomId(), time: Date.now(), revision: core.config.revision, categories: answers, method, locale })
}

/**
 * `set({ analytics: true })`: merged into the visitor's answers, not into the
 * page's state, which grants nothing while a new category is unanswered.
 */
export function set(core: Core, granted: Record<string, boolean>): void {
  choose(core, { ...(core.proof && core.proof.categories), ...granted }, 'custom')
}

/** "Accept all"; under GPC, all but what the signal opted out of (advertising, affiliate), recorded as `gpc`. */
export function acceptAll(core: Core): void {
  choose(core, Object.fromEntries(core.ids.map((id) => [id, !(core.gpc && /^(advertising|affiliate)$/.test(id))])), core.gpc ? 'gpc' : 'accept-all')
}
