import type { ConsentState } from './types.js'

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
 * Pushes `consent default` before any tag can read dataLayer. With the banner
 * about to show, `wait_for_update` lets tags already on the page hold their
 * first hit until the visitor answers.
 */
export function pushDefault(state: ConsentState): void {
  window.gtag ||= gtag
  gtag('consent', 'default', { ...consentTypes(state), ...(state.decided ? {} : { wait_for_update: 500 }) })
}

/** Pushes `consent update` with only the types that changed. */
export function pushUpdate(state: ConsentState, previous: ConsentState): void {
  const now = consentTypes(state)
  const before = consentTypes(previous)
  const changed: Record<string, Signal> = {}
  for (const type in now) if (now[type] != before[type]) changed[type] = now[type]
  if (Object.keys(changed).length) gtag('consent', 'update', changed)
}
