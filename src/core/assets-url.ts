/**
 * Where the chunks and locales load from. The loader `import()`s code from
 * there with the page's trust (a nonced script's import() passes CSP), so
 * only the page's author may move it: to a URL on the loader's own origin,
 * or, when given by the entry itself (the loader tag's `data-assets-url`, or
 * `createConsent()`'s options), to an https: host. Anything else
 * (`data:`, another origin named by the JSON block) is refused, named, and
 * the default is kept.
 */
export function assetsUrlFrom(own: string, wanted: unknown, fromEntry: boolean): string {
  if (wanted == null) return own
  try {
    const url = new URL(wanted as string, own)
    if (typeof wanted == 'string' && (url.origin == new URL(own).origin || (fromEntry && url.protocol == 'https:'))) return url.href.replace(/\/?$/, '/')
  } catch {
    // Not a URL: refused below.
  }
  console.error(`nanoconsent: config "assetsUrl" is ${JSON.stringify(wanted)}; expected the loader's origin${fromEntry ? ' or https:' : ''}`)
  return own
}
