import type { ConsentRecord, Notices, ResolvedConfig } from '../core/types.js'
import type { Translate } from './locale.js'

/** Everything the banner and the modal render from; built by `mount()`. */
export interface View {
  t: Translate
  /** The active language tag, e.g. `ar`. */
  lng: string
  config: ResolvedConfig
  notices: Notices
  banner: boolean
  modal: boolean
  /** The modal's toggles, not yet saved. */
  draft: Record<string, boolean>
  record: ConsentRecord | null
  acceptAll(): void
  rejectAll(): void
  save(): void
  toggle(id: string, on: boolean): void
  customize(opener: Element): void
  closeModal(): void
  download(): void
}

/** Digits inside translated text, isolated so they keep their place in Arabic. */
export function isolateNumbers(text: string): (string | { n: string })[] {
  return text.split(/(\d+)/).map((part, i) => (i % 2 ? { n: part } : part))
}
