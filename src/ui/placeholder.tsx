import { render } from 'preact'
import { choose } from '../core/choose.js'
import type { Core } from '../core/core.js'
import type { Slot } from '../core/gate.js'
import type { Locale } from './locale.js'
import { openShadow } from './shadow.js'

/**
 * The placeholder's own rules, after the UI's stylesheet (styles.ts: theme,
 * buttons, focus ring). The box's size and display are set on the host by
 * the gate (stand-in.ts), which wins over `:host`.
 */
const own = `.nc-ph{box-sizing:border-box;height:100%;display:grid;place-content:center;padding:16px;text-align:center;background:var(--nc-bg);border:1px solid var(--nc-border)}`

/**
 * Fills the gate's placeholder boxes (each once) with what the embed needs,
 * in the visitor's language: the category's name and the embed's host, a
 * button that grants that one category (method `contextual`). Text is
 * rendered as text. Granting answers
 * every other unanswered category of the page as denied, so the visitor
 * has decided and the banner goes. The gate hides the box once the
 * category is granted, however, and shows it again after a withdrawal.
 */
export function fillPlaceholders(core: Core, slots: Slot[], locale: Locale): void {
  const { lng, t } = locale
  for (const { box, iframe, category } of slots) {
    if (box.shadowRoot) continue
    const root = openShadow(box, locale, core.config, core.nonce, 'nc nc-ph', own)
    const name = t(`categories.${category}.name`, { defaultValue: category })
    // Isolated (U+2068…U+2069), so a Latin host name keeps its order inside right-to-left text.
    const host = `\u2068${new URL(iframe.dataset.src!, iframe.baseURI).hostname}\u2069`
    const grant = () => {
      choose(core, { ...(core.proof && core.proof.categories), [category]: true }, 'contextual', lng)
      // The box is gone now: focus goes on to what it stood for.
      iframe.focus()
    }
    render(
      [
        <p>{t('placeholder.text', { host, category: name })}</p>,
        <button class="nc-pri" onClick={grant}>
          {t('placeholder.allow', { category: name })}
        </button>
      ],
      root
    )
  }
}
