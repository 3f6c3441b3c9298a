import type { WritableAtom } from 'nanostores'
import type { StoredChoice } from './cookie-codec.js'
import type { ConsentState, LocaleResource, Notices, ResolvedConfig } from './types.js'

/** A choice as the page knows it: the stored fields plus the locale it was made in. */
export type Proof = StoredChoice & { locale?: string }

/**
 * What the loader shares with its lazily loaded chunks. The loader decides
 * and holds the state: the config as read, the store, and the visitor's
 * choice with its proof. `activate.js` acts on what is granted and
 * `change.js` stores and carries out a change; they read this object and
 * call back into it, and the store inside it is the only consent state.
 */
export interface Core {
  /** Config sources, lowest precedence first, without prototype keys; validated by the change chunk. */
  sources: unknown[]
  /** The config as the loader read it (config.ts). */
  config: ResolvedConfig
  /** Category ids of this page in config order; `necessary` first. */
  ids: string[]
  $consent: WritableAtom<ConsentState>
  notices: Notices
  nonce: string
  /** Where the chunks and locales/ are; ends in `/` ('' in a bundled app). */
  assetsUrl: string
  /** The entry's way to import a shipped language (npm build); absent for the script tag. */
  locale?(lang: string): Promise<LocaleResource | null>
  gpc: boolean
  /** The visitor's choice, null before any. It may answer categories this page does not show. */
  proof: Proof | null
  /** A category was withdrawn: the page reloads once the change is stored. */
  reloading: boolean
  /** Queues work for the change chunk, done in order once it loads (kept and retried while it cannot). */
  change(fn?: (c: Chunks['change']) => unknown): Promise<void>
  /** Imports a chunk; a failed import is tried again on the next call. */
  load<K extends keyof Chunks>(name: K): Promise<Chunks[K]>
  /** Tells other tabs of a stored choice (its cookie value). */
  broadcast(value: string): void
  /** The state is known on this page: the `consent` events, and `on('consent')` listeners. */
  known(): void
  /** Takes a choice made elsewhere (another tab, a migrated cookie) as this page's. */
  adopt(proof: Proof): void
  showBanner(): Promise<void>
  /** Opens the preferences; `opener` gets focus back when they close. */
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
