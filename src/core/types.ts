import type { ReadableAtom } from 'nanostores'

/**
 * The public types of nanoconsent. Everything a site owner, an npm user or the
 * UI chunk codes against is declared here, so the contract lives in one file.
 */

/** How a choice was made; goes into the consent record. */
export type Method = 'accept-all' | 'reject-all' | 'custom' | 'gpc' | 'contextual'

/**
 * The consent state: one boolean per configured category plus `decided`.
 * `necessary` is always `true`.
 */
export type ConsentState = { decided: boolean; necessary: true } & Record<string, boolean>

/** A cookie a category sets. `name` may end in or contain `*` (e.g. `_ga_*`). */
export interface CookieDecl {
  name: string
  provider?: string
  purpose?: string
  /** Human text, e.g. "2 years", "session". */
  lifetime?: string
}

/** A consent category. `necessary` is always present and locked. */
export interface CategoryConfig {
  id: string
  cookies?: CookieDecl[]
}

export interface Ga4Config {
  /** Measurement id, `G-` followed by letters and digits. */
  id: string
  /** `basic` (default): gtag.js is not requested before `analytics` is granted. */
  mode?: 'basic' | 'advanced'
  adsDataRedaction?: boolean
  urlPassthrough?: boolean
}

export interface MetaPixelConfig {
  /** Pixel id: digits only. */
  id: string
}

export interface AffiliateConfig {
  /** Image pixel URLs fired once `affiliate` is granted. `{click}` is replaced by the stored click id. */
  pixels?: string[]
  /** URL parameter that carries the click id. Default `aff_id`. */
  clickParam?: string
  /** Cookie the click id is kept in (at most 30 days). Default `aff_id`. */
  cookie?: string
  /** Lifetime of the click-id cookie in days, capped at 30. Default 30. */
  days?: number
}

/** One regional Consent Mode default: `region` is ISO 3166-1 or -2 codes; the other keys are consent types. */
export interface ConsentModeRegion {
  region: string[]
  [type: string]: string[] | 'granted' | 'denied'
}

export interface ConsentModeConfig {
  /** Milliseconds tags hold their first hit while the banner asks. Default 500. */
  waitForUpdate?: number
  /** Regional defaults, pushed before the global one while the visitor has not chosen. */
  regions?: ConsentModeRegion[]
  /** `gtag('set', 'ads_data_redaction', true)` with the default (also under `integrations.ga4`). */
  adsDataRedaction?: boolean
  /** `gtag('set', 'url_passthrough', true)` with the default (also under `integrations.ga4`). */
  urlPassthrough?: boolean
}

export interface IntegrationsConfig {
  ga4?: Ga4Config
  metaPixel?: MetaPixelConfig
  affiliate?: AffiliateConfig
}

/**
 * A translation in i18next's resource format: nested objects of strings,
 * `{ banner: { title: '…' } }`. A dotted key (`'banner.title'`) reaches a
 * nested entry. It may be partial: it is merged over the language shipped
 * under the same tag (`en`, `ar`, `fr`), and English fills any gap.
 */
export interface LocaleResource {
  [key: string]: string | LocaleResource
}

/** A resource or its module (`import ar from 'nanoconsent/locales/ar'` gives the resource, `import()` the module). */
export type LocaleModule = LocaleResource | { default: LocaleResource }

/**
 * One language in `resources`: the resource itself, a function that loads it
 * (`() => import('nanoconsent/locales/ar')`, called only when the visitor
 * needs that language), or the URL of a JSON file, for the config block.
 */
export type LocaleSource = LocaleModule | (() => LocaleModule | Promise<LocaleModule>) | string

/** Everything a site owner may configure. Every key is optional. */
export interface NanoconsentConfig {
  /** Policy revision. A choice stored under an older revision is void. Default 1. */
  revision?: number
  /** Privacy policy link shown in the banner (http(s) or relative). */
  policyUrl?: string
  /** `auto` (default) or a language tag such as `ar` or `fr-CA`. */
  locale?: string
  /** Consent cookie name. Default `nanoconsent`. */
  cookieName?: string
  /** Consent cookie domain, e.g. `.example.com`. Default: host-only. */
  cookieDomain?: string
  /** Days a choice is valid before the visitor is asked again. Default 182. */
  expiresAfterDays?: number
  /**
   * The categories this site asks about, in display order, by id (`"analytics"`) or with cookies
   * (`{ id, cookies }`); on the tag, `data-categories="analytics,advertising"`. Lists from several
   * sources merge by id. Default: derived on each page. Unlisted, they are the integrations'
   * categories and the built-in ones (preferences, analytics, advertising, affiliate) its marked tags name.
   */
  categories?: (CategoryConfig | string)[] | string
  integrations?: IntegrationsConfig
  /** Google Consent Mode v2 settings: regional defaults, wait_for_update, redaction. */
  consentMode?: ConsentModeConfig
  /** Honour `navigator.globalPrivacyControl`. Default true. */
  respectGpc?: boolean
  /** Reload the page once after a category is withdrawn. Default true. */
  reloadOnRevoke?: boolean
  /** Where each choice's consent record is POSTed (sendBeacon). */
  recordUrl?: string
  /** Show a floating "Cookie settings" button. Default false. */
  revisitButton?: boolean
  /** Banner layout. Default `bar`. */
  layout?: 'bar' | 'box'
  /** Colour scheme. Default `auto` (follows prefers-color-scheme). */
  theme?: 'auto' | 'light' | 'dark'
  /**
   * Translations by language tag: `{ ar }`, `{ fr: { banner: { title: '…' } } }`,
   * `{ de: () => import('./de.js') }`. Each is merged over the language shipped
   * under that tag, or adds a language. Only these and the shipped ones are ever loaded.
   */
  resources?: Record<string, LocaleSource>
  /** The same as `resources`, written flat with dotted keys: `{ "fr": { "banner.title": "…" } }`. */
  strings?: Record<string, Record<string, string>>
  /** Script tag only: where `ui.js` and `locales/` live. Default: next to the loader script. */
  assetsUrl?: string
  /** Show config errors on the banner itself (always shown on localhost). Default false. */
  debug?: boolean
}

/** Config after validation and defaults. */
export interface ResolvedConfig extends NanoconsentConfig {
  revision: number
  locale: string
  cookieName: string
  expiresAfterDays: number
  respectGpc: boolean
  reloadOnRevoke: boolean
  integrations: IntegrationsConfig
  /** Always starts with `necessary`, whose first cookie is the consent cookie. */
  categories: Required<CategoryConfig>[]
  /** `categories` was not a list: nobody can tell what a choice answers, so none is stored. */
  unknowable?: boolean
  /** No source listed categories: they are derived from the integrations and the page's marked tags. */
  derived?: boolean
}

/** Proof of consent (GDPR Art. 7(1)). */
export interface ConsentRecord {
  id: string
  /** ISO 8601. */
  timestamp: string
  revision: number
  categories: Record<string, boolean>
  method: Method
  locale: string
  /** Page URL without query string or fragment. */
  url: string
}

export type ChangeListener = (state: ConsentState, previous: ConsentState) => void

/** The API of `window.nanoconsent` and of `createConsent()`. */
export interface Nanoconsent {
  /** Current state: each category's boolean plus `decided`. */
  get(): ConsentState
  /**
   * Grant every category (under GPC, all but advertising and affiliate).
   * Resolves once applied: the choice is made by a lazily loaded chunk.
   */
  acceptAll(): Promise<void>
  /** Deny every category but `necessary`. Resolves once applied. */
  rejectAll(): Promise<void>
  /** Merge a choice into the current one, e.g. `set({ analytics: true })`. Resolves once applied. */
  set(choice: Record<string, boolean>): Promise<void>
  /** Load the UI (if needed) and show the banner. */
  showBanner(): Promise<void>
  /** Load the UI (if needed) and open the preferences modal. */
  showPreferences(): Promise<void>
  /** Hide banner and modal. Closing is not consent. */
  hide(): void
  /**
   * `change`: called when the state differs from the previous one.
   * `consent`: called whenever the state is known on this page (at load with
   * a stored choice, and after every choice); registered after that, it is
   * called at once. Returns the unsubscribe function.
   */
  on(event: 'change' | 'consent', fn: ChangeListener): () => void
  /** The consent record of the current choice, or null before any choice. */
  record(): ConsentRecord | null
  /** Forget the choice, delete the consent cookie and show the banner. */
  reset(): void
  /** The nanostores store: the single source of truth. */
  $consent: ReadableAtom<ConsentState>
}

/** Why the banner is shown; the UI words its text accordingly. */
export interface Notices {
  /** GPC was honoured: advertising and affiliate are denied by default. */
  gpc: boolean
  /** A choice exists but was made under an older policy revision. */
  revisionChanged: boolean
  /** Categories this page shows that the visitor's choice never answered; the earlier answers are kept. */
  added: string[]
  /** The visitor's earlier answers, which pre-fill the preferences while a new category is asked. */
  answers?: Record<string, boolean>
}

/** What the loader hands to the UI chunk's `mount()`. */
export interface UiContext {
  api: Nanoconsent
  config: ResolvedConfig
  notices: Notices
  /** CSP nonce to put on every injected style/script ('' when none). */
  nonce: string
  /** Base URL ending in `/` where `locales/<lang>.json` are fetched from, when `locale` is absent. */
  assetsUrl: string
  /** Imports a shipped language as the entry bundles it (the npm build); null for a language it does not ship. */
  locale?(lang: string): Promise<LocaleResource | null>
  /** Record a choice made in the UI: full map of category -> boolean. */
  choose(choice: Record<string, boolean>, method: Method, locale: string): void
}

/** What the UI chunk's `mount()` returns. */
export interface UiHandle {
  showBanner(): void
  /** `opener` receives focus back when the modal closes. */
  showPreferences(opener?: Element | null): void
  hide(): void
}

/** The UI chunk's module shape (`dist/ui.js`). */
export interface UiModule {
  mount(ctx: UiContext): Promise<UiHandle> | UiHandle
}
