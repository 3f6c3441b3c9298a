import { bool } from '../check.js'
import { gtag } from '../consent-mode.js'
import { injectScript } from '../inject.js'
import type { Ga4Config } from '../types.js'
import type { Manifest } from './manifest.js'

const load = (config: Ga4Config, nonce: string) => {
  // ads_data_redaction and url_passthrough went out with the Consent Mode default (consent-mode.ts).
  gtag('js', new Date())
  gtag('config', config.id)
  injectScript(`https://www.googletagmanager.com/gtag/js?id=${config.id}`, nonce)
}

/**
 * GA4. Consent Mode `default` / `update` are pushed by the core for every
 * page (pasted snippets and Tag Manager need them too); this manifest only
 * decides when gtag.js is requested: on `analytics` grant (basic, the
 * default), or at once with everything denied (advanced).
 */
export const ga4: Manifest<Ga4Config> = {
  key: 'ga4',
  category: 'analytics',
  required: 'id',
  schema: { id: /^"G-[A-Z\d]{4,16}"$/, mode: /^"(basic|advanced)"$/, adsDataRedaction: bool, urlPassthrough: bool },
  cookies: () => ({
    analytics: ['_ga', '_ga_*', '_gid', '_gat*'],
    advertising: ['_gcl_*']
  }),
  start(config, core) {
    if (config.mode == 'advanced') load(config, core.nonce)
  },
  grant(config, core) {
    if (config.mode != 'advanced') load(config, core.nonce)
  }
}
