import { resolveLocale, withEngine, type Locale, type Resolved } from './locale.js'

// The visitor's words, worked out once per config and shared by the banner, the preferences and
// the placeholders: the resolved layers (no i18next), and i18next over them (the i18n.js chunk).

type LocaleContext = Parameters<typeof resolveLocale>[0]
/** The visitor's language and layers, resolved once for a config. */
const resolved = new WeakMap<object, Promise<Resolved>>()
export const resolvedOf = (ctx: LocaleContext) => {
  if (!resolved.has(ctx.config)) resolved.set(ctx.config, resolveLocale(ctx))
  return resolved.get(ctx.config)!
}
/** The same with i18next (the i18n.js chunk), once; a chunk that failed to load is asked for again next time. */
const engines = new WeakMap<object, Promise<Locale>>()
export const localeOf = (ctx: LocaleContext) => {
  if (!engines.has(ctx.config))
    engines.set(
      ctx.config,
      resolvedOf(ctx)
        .then(withEngine)
        .catch((e) => {
          engines.delete(ctx.config)
          throw e
        })
    )
  return engines.get(ctx.config)!
}
