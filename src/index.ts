import { readJsonBlock } from './core/config.js'
import type { Chunks } from './core/core.js'
import { startConsent } from './core/create.js'
import { inert } from './core/inert.js'
import type { LocaleResource, Nanoconsent, NanoconsentConfig } from './core/types.js'

export type * from './core/types.js'

/**
 * The npm entry. Each chunk and each shipped language is one literal
 * `import()`, so the app's bundler (Vite, webpack, Turbopack, Rollup,
 * esbuild) sees it and emits it as a chunk of the app, fetched only when
 * needed, from wherever the app's other chunks are. No URL is built here:
 * `import.meta.url` means something else in every bundler, and nothing at
 * all in an IIFE.
 */
const chunks: { [K in keyof Chunks]: () => Promise<Chunks[K]> } = {
  ui: () => import('./ui/index.js'),
  change: () => import('./change.js'),
  activate: () => import('./activate.js')
}

/** The shipped languages but English, which is inside the UI chunk. */
const locale = (lang: string): Promise<LocaleResource | null> =>
  (lang == 'ar' ? import('../locales/ar.json') : lang == 'fr' ? import('../locales/fr.json') : Promise.resolve(null)).then(
    (mod) => mod && mod.default
  )

/**
 * Says once when the app's bundle holds the chunks inline (an IIFE, or a
 * build without code splitting). Everything still works, but the banner's
 * code then downloads with the app on every page view. A chunk of its own
 * needs a request, so it cannot arrive before a zero-delay timer; an
 * inlined one always does.
 */
function noteInlined<T>(ui: Promise<T>): Promise<T> {
  let later = false
  setTimeout(() => (later = true))
  ui.then(
    () => {
      if (!later)
        console.info(
          'nanoconsent: this bundle has no separate chunks (an IIFE, or no code splitting), so the banner and its translations load with your app on every page view. Build ES modules with code splitting to load them only when a visitor is asked.'
        )
    },
    () => {}
  )
  return ui
}

/**
 * Starts nanoconsent from code: `createConsent({ revision: 3, … })`.
 * A `#nanoconsent-config` JSON block in `<head>` takes precedence over
 * `config`. On the server (no `document`) it returns an inert API whose
 * state is "nothing granted", so server rendering matches a first visit.
 */
export function createConsent(config: NanoconsentConfig = {}): Nanoconsent {
  if (typeof document == 'undefined') return inert()
  if (Object(config).assetsUrl != null) console.warn('nanoconsent: "assetsUrl" is ignored here: your bundler serves the chunks and locales (it is for the script tag)')
  return startConsent({
    sources: [config, readJsonBlock(document, null)],
    nonce: '',
    assetsUrl: '',
    // A bundler's chunk has no URL to vary: a retry imports it again as it is.
    load: (chunk) => (chunk == 'ui' ? noteInlined(chunks.ui()) : chunks[chunk]()),
    locale
  })
}
