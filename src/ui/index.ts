import type { UiContext, UiHandle } from '../core/types'

/** Stub UI: replaced by the Preact banner and modal. */
export function mount(_ctx: UiContext): UiHandle {
  return { showBanner() {}, showPreferences() {}, hide() {} }
}
