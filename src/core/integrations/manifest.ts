import type { Schema } from '../check.js'
import type { Core } from '../core.js'
import type { IntegrationsConfig } from '../types.js'

/**
 * A vendor integration, as data: the category it needs, the cookies it sets,
 * and what to do at start-up, on grant and on revoke. Adding a vendor means
 * adding one manifest to integrations/index.ts.
 */
export interface Manifest<C = any> {
  /** Its key under `integrations` in the config. */
  key: keyof IntegrationsConfig
  /** The category that must be granted before it loads. */
  category: string
  /** A config field that must be present (e.g. the pixel id). */
  required?: string
  /** What its config may hold; checked before it starts (a bad id stops this vendor, and only it). */
  schema: Schema
  /**
   * Names (or `*` patterns) of the cookies the vendor sets, by category;
   * deleted when that category is withdrawn. Provider, purpose and lifetime
   * are worded by the UI's locale files (`cookies.<name>`), so the loader
   * carries no prose.
   */
  cookies(config: Partial<C>): Record<string, string[]>
  /** At start-up, before any choice is known to be granted. */
  start?(config: C, core: Core): void
  /** Once a page, when its category is granted. */
  grant(config: C, core: Core): void
  /** When its category is withdrawn; also runs for a pasted snippet of the vendor. */
  revoke?(): void
}
