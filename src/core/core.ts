import type { WritableAtom } from 'nanostores'
import type { StoredChoice } from './cookie-codec.js'
import type { ConsentState, Notices, ResolvedConfig } from './types.js'

/** A choice as the page knows it: the stored fields plus the locale it was made in. */
export type Proof = StoredChoice & { locale?: string }

/**
 * What the loader shares with its lazily loaded chunks. The loader decides
 * (config, cookie, store); `activate.js` acts on what is granted and
 * `change.js` carries out a change. They all read and write this one object,
 * and the store inside it is the only consent state.
 */
export interface Core {
  /** Config sources, lowest precedence first; validated by the change chunk. */
  sources: unknown[]
  /** The config: as read by the loader, then as validated (`checked` set). */
  config: ResolvedConfig
  /** Whether validation passed; undefined until the change chunk has run it. */
  checked?: boolean
  /** The decisive config fields, bound into the consent cookie's checksum. */
  fingerprint: string
  /** Category ids in config order; `necessary` first. */
  ids: string[]
  $consent: WritableAtom<ConsentState>
  notices: Notices
  nonce: string
  gpc: boolean
  /** The current choice's proof, null before any choice. */
  proof: Proof | null
  /** A category was withdrawn: the page reloads once the change is stored. */
  reloading: boolean
  load<K extends keyof Chunks>(name: K): Promise<Chunks[K]>
  /** Tells other tabs that the cookie changed. */
  broadcast(): void
  showBanner(): Promise<void>
  showPreferences(opener?: Element | null): Promise<void>
  /** Hides banner and modal, if the UI is loaded. */
  hide(): void
  pageLocale(): string
}

export interface Chunks {
  activate: typeof import('../activate.js')
  change: typeof import('../change.js')
  ui: typeof import('../ui/index.js')
}
