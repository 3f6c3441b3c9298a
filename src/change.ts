import { deleteCookies } from './core/cleanup.js'
import { pushUpdate } from './core/consent-mode.js'
import { announce } from './core/events.js'
import { removeConsentCookies, writeConsentCookie } from './core/consent-cookie.js'
import type { Core } from './core/core.js'
import { encodeChoice } from './core/cookie-codec.js'
import { decodeLegacy } from './core/cookie-v1.js'
import { integrations } from './core/integrations/index.js'
import { recordOf, sendRecord } from './core/record.js'
import { showRevisitButton } from './core/revisit-button.js'
import { differs } from './core/store.js'
import type { ConsentState } from './core/types.js'
import { validateConfig } from './core/validate.js'
import { vendorCookies } from './core/vendor-cookies.js'

export { acceptAll, choose, set } from './core/choose.js'
export { setCookie } from './core/consent-cookie.js'
export { showRevisitButton }

/**
 * The change chunk (`dist/change.js`): naming config mistakes, storing a
 * choice, and what any change of the consent state does. The loader makes
 * the choice itself and queues the work here, so a choice holds for the
 * page even while this chunk cannot load, and is stored once it arrives.
 */

let validated = false

/**
 * Names every config mistake, once a page, and fills in what the UI shows
 * (the cookie tables, presentation fields) on the one config object the
 * loader and the UI hold. It decides nothing about what runs.
 */
export function validate(core: Core): void {
  if (validated) return
  validated = true
  Object.assign(core.config, validateConfig(core.sources, core.ids).config)
}

/** Writes the current choice's cookie. A refused cookie still leaves the choice applied to this page and tab. */
export function write(core: Core): string | undefined {
  if (!core.proof) return
  const value = encodeChoice(core.proof)
  if (!writeConsentCookie(core.config, value)) console.error('nanoconsent: the browser refused the consent cookie; the choice holds for this page only')
  return value
}

/** Stores a choice just made: the cookie, the consent record, the other tabs, and the revisit button. */
export function persist(core: Core): void {
  validate(core)
  const value = write(core)
  if (!value) return
  if (core.config.recordUrl) sendRecord(core.config.recordUrl, recordOf(core)!)
  core.broadcast(value)
  if (core.config.revisitButton) showRevisitButton(core)
}

/**
 * A 0.1 cookie, read once under the page's config and stored again in
 * today's format. False when it does not check out: the visitor is asked.
 */
export function migrate(core: Core, value: string): boolean {
  const choice = decodeLegacy(value, core.sources)
  if (!choice || choice.revision < core.config.revision) return false
  core.adopt(choice)
  write(core)
  return true
}

/**
 * Tells the vendors of withdrawn categories (fbq consent revoke) and returns
 * every cookie name or pattern those categories declare: the owner's, the
 * likely vendors' (vendor-cookies.ts) and the built-in integrations' (a
 * pasted snippet sets them too).
 */
function revoke(core: Core, revoked: string[]): string[] {
  const patterns = core.config.categories.filter((c) => revoked.includes(c.id)).flatMap((c) => c.cookies.map((d) => d.name))
  for (const id of revoked) patterns.push(...(vendorCookies[id] || []))
  for (const m of integrations) {
    if (m.revoke && revoked.includes(m.category)) m.revoke()
    for (const id of revoked) patterns.push(...(m.cookies(Object(core.config.integrations[m.key]))[id] || []))
  }
  return patterns
}

/**
 * What every choice and change does, in order: Consent Mode hears the
 * update with all seven types (before a newly granted gtag.js is
 * configured); tag managers hear that the state is known; a withdrawal
 * tells the vendors and deletes the category's cookies (here, not in a chunk
 * that might fail to load); the change events fire when the state differs;
 * and after a withdrawal the page reloads, so that trackers already running
 * are gone from memory. The store is set on every choice, so this runs for
 * a choice equal to the last one too.
 */
export function changed(core: Core, state: ConsentState, previous: ConsentState): void {
  validate(core)
  const revoked = core.ids.filter((id) => previous[id] && !state[id])
  pushUpdate(state)
  if (state.decided) core.known()
  if (revoked.length) {
    core.reloading = core.config.reloadOnRevoke
    deleteCookies(revoke(core, revoked))
  }
  if (differs(state, previous)) announce('change', state, previous)
  if (!core.proof) removeConsentCookies(core.config)
  else if (core.reloading) location.reload()
}
