import type { CategoryConfig } from './types.js'

/** Defaults of the config keys the loader reads; validate.ts adds the UI's. */
export const defaults = {
  revision: 1,
  locale: 'auto',
  cookieName: 'nanoconsent',
  // CNIL: a choice should be kept about six months, then asked again.
  expiresAfterDays: 182,
  respectGpc: true,
  reloadOnRevoke: true,
  /** The default categories' ids, from the seed privacy policies (ids only: the loader pays per byte). */
  categories: ['necessary', 'preferences', 'analytics', 'advertising', 'affiliate'] as (CategoryConfig | string)[]
}
