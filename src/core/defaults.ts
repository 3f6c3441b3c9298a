/** Defaults of the config keys the loader reads; validate.ts adds the UI's. */
export const defaults = {
  revision: 1,
  locale: 'auto',
  cookieName: 'nanoconsent',
  // CNIL: a choice should be kept about six months, then asked again.
  expiresAfterDays: 182,
  respectGpc: true,
  reloadOnRevoke: true
}

/**
 * The built-in categories, from the seed privacy policies: the locales word
 * them, so a page that lists no categories may derive any of them from its
 * marked tags. Any other category must be listed by the owner.
 */
export const builtInCategories = ['necessary', 'preferences', 'analytics', 'advertising', 'affiliate']
