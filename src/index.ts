import { assetsUrlFrom } from './core/assets-url.js'
import { readJsonBlock } from './core/config.js'
import { startConsent } from './core/create.js'
import { inert } from './core/inert.js'
import type { Nanoconsent, NanoconsentConfig } from './core/types.js'

export type * from './core/types.js'

/**
 * Starts nanoconsent from code: `createConsent({ revision: 3, … })`.
 * A `#nanoconsent-config` JSON block on the page takes precedence over
 * `config`. On the server (no `document`) it returns an inert API whose
 * state is "nothing granted", so server rendering matches a first visit.
 */
export function createConsent(config: NanoconsentConfig = {}): Nanoconsent {
  if (typeof document == 'undefined') return inert()
  const here = new URL('./', import.meta.url).href
  const block = readJsonBlock(document, null)
  const { assetsUrl, ...options } = Object(config) as NanoconsentConfig
  return startConsent({
    sources: [options, block],
    nonce: '',
    assetsUrl: Object(block).assetsUrl != null ? assetsUrlFrom(here, Object(block).assetsUrl, false) : assetsUrlFrom(here, assetsUrl, true),
    // Literal import()s let the app's bundler split the chunks; an owner's
    // `assetsUrl` points at a copy of dist/ served elsewhere.
    load: (chunk, base, attempt) =>
      base != here
        ? import(/* @vite-ignore */ `${base}${chunk}.js${attempt ? `?${attempt}` : ''}`)
        : chunk == 'ui'
          ? import('./ui/index.js')
          : chunk == 'change'
            ? import('./change.js')
            : import('./activate.js')
  })
}
