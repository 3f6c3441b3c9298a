import { deleteCookies } from './core/cleanup.js'
import { pushUpdate } from './core/consent-mode.js'
import { removeConsentCookie, writeConsentCookie } from './core/consent-cookie.js'
import type { Core } from './core/core.js'
import { encodeChoice, randomId } from './core/cookie-codec.js'
import { recordOf, sendRecord } from './core/record.js'
import { showRevisitButton } from './core/revisit-button.js'
import { stateFrom } from './core/store.js'
import type { ConsentState, Method } from './core/types.js'
import { validateConfig } from './core/validate.js'

export { setCookie } from './core/consent-cookie.js'
export { showRevisitButton }

/**
 * The change chunk (`dist/change.js`): validating the config, making a
 * choice, and what any change of the consent state does. The loader imports
 * it alongside the UI, or when the API or another tab changes the state.
 */

/**
 * Validates the config once a page (errors go to the console) and writes
 * the validated values into the one config object the loader and the UI
 * hold. Everything in this chunk runs after it.
 */
export function validate(core: Core): boolean {
  if (core.checked == null) {
    const { config, ok } = validateConfig(core.sources)
    Object.assign(core.config, config)
    core.checked = ok
  }
  return core.checked
}

/**
 * Records a choice. The cookie, the consent record and the other tabs hear
 * of it before the store changes, so that a reload after a withdrawal finds
 * the new choice stored. Under a config with errors nothing is granted or
 * stored (fail closed): the visitor is asked again on the next page.
 */
export function choose(core: Core, granted: Record<string, boolean>, method: Method, locale = core.pageLocale()): void {
  core.hide()
  if (!validate(core)) return console.error('nanoconsent: choice not applied: the config has errors (see above)')
  const { config } = core
  // Unknown names are dropped, never stored: they would void nothing and mean nothing.
  for (const id in granted) if (!core.ids.includes(id) && id != 'decided') console.warn(`nanoconsent: unknown category "${id}" ignored`)
  const state = stateFrom(granted, core.ids)
  const { decided, ...categories } = state
  core.proof = { id: core.proof ? core.proof.id : randomId(), time: Math.floor(Date.now() / 1000) * 1000, revision: config.revision, categories, method, locale }
  // A refused cookie still applies the choice to this page; the next page asks again.
  if (!writeConsentCookie(config, encodeChoice(core.proof, core.ids, core.fingerprint))) console.error('nanoconsent: the browser refused the consent cookie')
  if (config.recordUrl) sendRecord(config.recordUrl, recordOf(core)!)
  core.broadcast()
  core.notices.revisionChanged = false
  core.$consent.set(state)
  if (config.revisitButton) showRevisitButton(core)
}

/** "Accept all"; under GPC, all but what the signal opted out of (advertising, affiliate). */
export function acceptAll(core: Core): void {
  const all = Object.fromEntries(core.ids.map((id) => [id, true]))
  if (core.gpc) choose(core, { ...all, advertising: false, affiliate: false }, 'gpc')
  else choose(core, all, 'accept-all')
}

/**
 * What every change does, in order: Consent Mode hears it; a withdrawal
 * tells the vendors and deletes the category's cookies; events fire; and
 * after a withdrawal the page reloads, so that trackers already running are
 * gone from memory.
 */
export async function changed(core: Core, state: ConsentState, previous: ConsentState): Promise<void> {
  validate(core)
  const revoked = core.ids.filter((id) => previous[id] && !state[id])
  pushUpdate(state, previous)
  if (revoked.length) {
    core.reloading = core.config.reloadOnRevoke
    deleteCookies((await core.load('activate')).revoke(core, revoked))
  }
  document.dispatchEvent(new CustomEvent('nanoconsent:change', { detail: { state, previous } }))
  window.dataLayer.push({ event: 'nanoconsent_update', nanoconsent: state })
  if (!state.decided) removeConsentCookie(core.config)
  else if (core.reloading) location.reload()
}
