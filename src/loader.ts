import { assetsUrlFrom } from './core/assets-url.js'
import { readJsonBlock, readTagConfig } from './core/config.js'
import { startConsent } from './core/create.js'
import { inert } from './core/inert.js'
import type { LocaleResource, Nanoconsent } from './core/types.js'

declare global {
  interface Window {
    nanoconsent?: Nanoconsent
  }
}

/**
 * The script-tag entry: `<script src=".../nanoconsent.js" data-ga4=…>`.
 * Config precedence: the tag's data-* attributes over the JSON block. The UI
 * chunk and locales are found next to this script's own URL, or at the
 * tag's `data-assets-url`.
 */
const tag = (document.currentScript || document.querySelector('script[src*="nanoconsent"]')) as HTMLScriptElement | null
try {
  const block = readJsonBlock(document, tag)
  const own = new URL('.', (tag && tag.src) || location.href).href
  const given = tag && tag.dataset.assetsUrl
  const assetsUrl = given != null ? assetsUrlFrom(own, given, true) : assetsUrlFrom(own, Object(block).assetsUrl, false)
  /** Each shipped language fetched once: the loader starts it on a first visit, the UI reads it (null: English). */
  const locales: Record<string, Promise<LocaleResource | null>> = {}
  window.nanoconsent = startConsent({
    sources: [block, readTagConfig(tag)],
    nonce: (tag && tag.nonce) || '',
    assetsUrl,
    // A failed module URL is remembered by the browser: a retry asks for a new one.
    load: (chunk, base, attempt) => import(/* webpackIgnore: true */ `${base}${chunk}.js${attempt ? `?${attempt}` : ''}`),
    locale: (lang) => (locales[lang] ||= fetch(`${assetsUrl}locales/${lang}.json`).then((r) => (r.ok ? r.json() : null)).catch(() => null))
  })
} catch (e) {
  // Nothing was activated: marked tags stay inert, which is the safe side,
  // and host code asking for the state hears "nothing granted".
  window.nanoconsent = inert()
  console.error('nanoconsent: failed to start; nothing runs', e)
}
