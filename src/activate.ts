import { check } from './core/check.js'
import type { Core } from './core/core.js'
import { createGate, type Gate } from './core/gate.js'
import { integrations } from './core/integrations/index.js'
import type { Manifest } from './core/integrations/manifest.js'

/**
 * The activate chunk (`dist/activate.js`): acts on what is granted. It starts
 * the built-in integrations and activates marked tags. The loader imports it
 * only once something is granted, a `!category` fallback or a gated iframe
 * is on the page (its placeholder), or GA4 runs in advanced mode, so a
 * visitor who refused everything on a page without these never pays for it.
 */

let gate: Gate | undefined
const ready = new Map<string, unknown>()
const loaded = new Set<string>()

const guard = (fn: () => unknown) => {
  try {
    fn()
  } catch (e) {
    console.error('nanoconsent:', e)
  }
}

/**
 * A vendor's config, checked where it acts: a missing or invalid field stops
 * this vendor, and only it, with an error naming the field; unknown keys and
 * clamped numbers only warn, since they cannot release a tracker.
 */
function vendorConfig(m: Manifest, core: Core): unknown {
  const raw = core.config.integrations[m.key]
  if (raw == null) return
  const path = `integrations.${m.key}`
  let refused = !core.ids.includes(m.category) ? `a category "${m.category}" in categories` : ''
  const config = check(raw, m.schema, path, (kind, at, value, expected) => {
    if (kind == 'invalid') refused ||= `${at} is ${JSON.stringify(value)}; expected ${expected}`
    else console.warn(`nanoconsent: config "${at}" is ${JSON.stringify(value)}; ${kind == 'unknown' ? 'ignored, expected one of the known keys: ' : 'expected '}${expected}`)
  })
  if (m.required && config && config[m.required] == null) refused ||= `${path}.${m.required} is required`
  if (!refused) return config
  console.error(`nanoconsent: config "${path}" not started: ${refused}`)
}

/** Starts integrations once, then loads each one whose category is granted, and scans for marked tags. */
export function activate(core: Core): void {
  const state = () => core.$consent.get()
  if (!gate) {
    for (const m of integrations) {
      const config = vendorConfig(m, core)
      if (!config) continue
      ready.set(m.key, config)
      if (m.start) guard(() => m.start!(config, core))
    }
    gate = createGate(core.ids, state, core.nonce, (slots) => core.load('ui').then((ui) => ui.placeholders(core, slots)).catch((e) => console.error('nanoconsent:', e)))
    // Fallbacks, placeholders and embeds follow every change at once, a
    // withdrawal too. Scripts wait for the loader's next activate(), which
    // comes after the change chunk has pushed the Consent Mode update: a
    // newly granted gtag.js must not be configured before it.
    core.$consent.listen(() => gate!.scan(false))
  }
  for (const m of integrations) {
    const config = ready.get(m.key)
    if (config && state()[m.category] && !loaded.has(m.key)) guard(() => loaded.add(m.key) && m.grant(config, core))
  }
  gate.scan()
}
