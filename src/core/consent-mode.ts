import type { ConsentState, ResolvedConfig } from './types.js'

/**
 * Google Consent Mode v2. Each of the seven consent types follows one of our
 * categories; `security_storage` is always granted (it covers fraud
 * prevention, which the policies count as necessary).
 */
const TYPES: Record<string, string> = {
  ad_storage: 'advertising',
  ad_user_data: 'advertising',
  ad_personalization: 'advertising',
  analytics_storage: 'analytics',
  functionality_storage: 'preferences',
  personalization_storage: 'preferences',
  security_storage: 'necessary'
}

type Signal = 'granted' | 'denied'

declare global {
  interface Window {
    dataLayer: unknown[]
    gtag: (...args: unknown[]) => void
  }
}

/** The one gtag every snippet shares. gtag.js only reads `arguments` objects. */
export function gtag(..._args: unknown[]): void {
  // A page that set dataLayer to something else ({}) would break every push: it is replaced.
  if (!Array.isArray(window.dataLayer)) window.dataLayer = []
  // eslint-disable-next-line prefer-rest-params
  window.dataLayer.push(arguments)
}

/** The consent types for a state. */
export function consentTypes(state: ConsentState): Record<string, Signal> {
  const out: Record<string, Signal> = {}
  for (const type in TYPES) out[type] = state[TYPES[type]] ? 'granted' : 'denied'
  return out
}

/**
 * Pushes what Consent Mode must know before any tag reads dataLayer: one
 * `default` per regional entry of `consentMode.regions` (only before the
 * visitor has chosen: a region's default would outrank their answer), then
 * the global default from the state, then `ads_data_redaction` and
 * `url_passthrough` when asked for. With the banner about to show,
 * `wait_for_update` lets tags already on the page hold their first hit
 * until the visitor answers.
 */
export function pushDefault(state: ConsentState, config: ResolvedConfig): void {
  window.gtag ||= gtag
  const mode = Object(config.consentMode)
  const ga4 = Object(config.integrations.ga4)
  // Google applies an entry only to visitors of its regions and ignores what it does not know, so
  // a mistake in one cannot grant anything elsewhere; validation names it.
  if (!state.decided) for (const entry of [].concat(mode.regions || [])) if (Array.isArray(Object(entry).region)) gtag('consent', 'default', entry)
  gtag('consent', 'default', { ...consentTypes(state), ...(state.decided ? {} : { wait_for_update: mode.waitForUpdate >= 0 ? mode.waitForUpdate : 500 }) })
  if (mode.adsDataRedaction ?? ga4.adsDataRedaction) gtag('set', 'ads_data_redaction', true)
  if (mode.urlPassthrough ?? ga4.urlPassthrough) gtag('set', 'url_passthrough', true)
}

/** Pushes `consent update` with all seven types, every one explicit: after every choice, "Reject all" included. */
export function pushUpdate(state: ConsentState): void {
  gtag('consent', 'update', consentTypes(state))
}
