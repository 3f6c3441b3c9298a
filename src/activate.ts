import type { Core } from './core/core.js'
import { createGate, type Gate } from './core/gate.js'
import { integrations } from './core/integrations/index.js'

/**
 * The activate chunk (`dist/activate.js`): acts on what is granted. It loads
 * the built-in integrations and activates marked tags. The loader imports it
 * only once something is granted, a `!category` fallback is on the page, or
 * GA4 runs in advanced mode, so a visitor who refused everything never pays
 * for it.
 */

let gate: Gate | undefined
const loaded = new Set<string>()

const guard = (fn: () => unknown) => {
  try {
    fn()
  } catch (e) {
    console.error('nanoconsent:', e)
  }
}

/** Starts integrations once, then loads each one whose category is granted, and scans for marked tags. */
export function activate(core: Core): void {
  const state = () => core.$consent.get()
  const { integrations: configured } = core.config
  if (!gate) {
    for (const m of integrations) {
      const cfg = configured[m.key]
      if (cfg && m.start) guard(() => m.start!(cfg, core))
    }
    gate = createGate(core.ids, state, core.nonce)
  }
  for (const m of integrations) {
    const cfg = configured[m.key]
    if (cfg && state()[m.category] && !loaded.has(m.key)) guard(() => loaded.add(m.key) && m.grant(cfg, core))
  }
  gate.scan()
}

/**
 * Tells the integrations of withdrawn categories (fbq consent revoke) and
 * returns every cookie name or pattern those categories declare, from the
 * config and from the vendors' manifests (a pasted snippet sets them too).
 */
export function revoke(core: Core, revoked: string[]): string[] {
  const patterns = core.config.categories.filter((c) => revoked.includes(c.id)).flatMap((c) => c.cookies.map((d) => d.name))
  for (const m of integrations) {
    if (m.revoke && revoked.includes(m.category)) guard(m.revoke)
    for (const id of revoked) patterns.push(...(m.cookies(core.config.integrations[m.key] || {})[id] || []))
  }
  return patterns
}
