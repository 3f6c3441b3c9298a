import type { Core } from './core.js'

// The label in the languages we ship; the full UI chunk is not loaded for a
// returning visitor, so the button carries its own three words.
const LABELS: Record<string, string> = { en: 'Cookie settings', fr: 'Paramètres des cookies', ar: 'إعدادات ملفات تعريف الارتباط' }

const CSS =
  '.nc-revisit{position:fixed;inset-block-end:16px;inset-inline-start:16px;z-index:2147483000;min-width:44px;min-height:44px;padding:0 14px;border:1px solid #1f2937;border-radius:22px;background:#fff;color:#1f2937;font:600 14px/1 system-ui,sans-serif;cursor:pointer}.nc-revisit:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}'

/**
 * The optional floating "Cookie settings" button (config `revisitButton`),
 * so visitors can withdraw at any time without the site adding a link.
 * It is plain DOM in the loader: it must not cost a returning visitor the
 * UI chunk. Its corner mirrors in right-to-left pages (logical properties).
 */
export function showRevisitButton(core: Core): void {
  if (document.querySelector('.nc-revisit')) return
  const add = () => {
    const style = document.createElement('style')
    style.nonce = core.nonce
    style.textContent = CSS
    const button = document.createElement('button')
    button.className = 'nc-revisit'
    button.type = 'button'
    button.textContent = LABELS[core.pageLocale().slice(0, 2).toLowerCase()] || LABELS.en
    button.onclick = () => core.showPreferences(button)
    document.head.appendChild(style)
    document.body.appendChild(button)
  }
  if (document.body) add()
  else document.addEventListener('DOMContentLoaded', add)
}
