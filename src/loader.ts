import { readJsonBlock, readTagConfig } from './core/config.js'
import { startConsent } from './core/create.js'
import type { Nanoconsent } from './core/types.js'

declare global {
  interface Window {
    nanoconsent?: Nanoconsent
  }
}

/**
 * The script-tag entry: `<script src=".../nanoconsent.js" data-ga4=…>`.
 * Config precedence: the tag's data-* attributes over the JSON block. The UI
 * chunk and locales are found next to this script's own URL.
 */
const tag = (document.currentScript || document.querySelector('script[src*="nanoconsent"]')) as HTMLScriptElement | null
try {
  window.nanoconsent = startConsent({
    sources: [readJsonBlock(document), readTagConfig(tag)],
    nonce: (tag && tag.nonce) || '',
    assetsUrl: tag && tag.src ? tag.src.replace(/[^/]*([?#].*)?$/, '') : './',
    load: (chunk, base) => import(/* webpackIgnore: true */ `${base}${chunk}.js`)
  })
} catch (e) {
  // Nothing was activated: marked tags stay inert, which is the safe side.
  console.error('nanoconsent: failed to start; no tracker will run.', e)
}
