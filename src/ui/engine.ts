import i18next from 'i18next'
import type { Layer, Resolved, Translate } from './locale.js'
import { entries } from './resources.js'

/**
 * The `i18n.js` chunk: i18next over the resolved layers. It is half of the
 * UI's bytes, so the banner does not wait for it (quick-t.ts words the
 * banner the same way); the preferences, the placeholders and any string
 * the quick translator declines do.
 */
export function translator({ lng, layers }: Resolved): Translate {
  const i18n = i18next.createInstance()
  i18n.init({
    lng,
    fallbackLng: 'en',
    // Tags are kept as given in lower case (`ar-ma`), the way `resources` are keyed.
    lowerCaseLng: true,
    resources: {},
    // Rendered as JSX text, never as HTML, so nothing needs escaping.
    interpolation: { escapeValue: false },
    initAsync: false
  })
  // Entry by entry, so i18next builds its own objects: never writing into a shared module, and dotted keys land nested.
  const add = (lang: string, [tree, key]: Layer) => {
    for (const [k, v] of entries(tree, key)) i18n.addResource(lang, 'translation', k, v)
  }
  for (const [lang, list] of Object.entries(layers)) for (const layer of list) add(lang, layer)
  return i18n.t.bind(i18n) as unknown as Translate
}
