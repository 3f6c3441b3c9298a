/**
 * `nanoconsent/server`: the first-visit hint, for servers, edge functions and
 * middleware. A visitor without a consent cookie is about to see the banner;
 * naming `ui.js` in the response lets the browser fetch it together with the
 * loader instead of after it (one network round trip less before the
 * banner). A visitor with a consent cookie gets nothing, so a returning
 * visit still downloads only the loader.
 *
 * Plain string work only: no Node built-ins, no DOM, so it runs in Node, in
 * edge runtimes (Next.js middleware, Workers) and in Deno alike.
 */

export interface FirstVisitHintOptions {
  /**
   * Where the script-tag loader takes `ui.js` from: the folder it is served
   * from (for `<script src="/nanoconsent/nanoconsent.js">`, `/nanoconsent/`),
   * or the `assetsUrl` given to it (`data-assets-url` or the JSON block).
   * A relative path or an http(s) URL; a missing trailing slash is added.
   * The browser reuses the hinted file only when both URLs are the same.
   */
  assetsUrl: string
  /** The consent cookie's name, when the config sets `cookieName`. Default `nanoconsent`. */
  cookieName?: string
  /** The page's CSP nonce, copied onto the tag. */
  nonce?: string
}

const DEFAULT_COOKIE = 'nanoconsent'

/**
 * True when the `Cookie` request header carries a non-empty cookie named
 * `cookieName`. Only presence is checked: a stale or unreadable cookie still
 * shows the banner, just without the head start.
 */
export function hasConsentCookie(cookieHeader: string | null | undefined, cookieName = DEFAULT_COOKIE): boolean {
  if (!cookieHeader) return false
  return cookieHeader.split(';').some((pair) => {
    const eq = pair.indexOf('=')
    return eq > 0 && pair.slice(0, eq).trim() === cookieName && pair.slice(eq + 1).trim() !== ''
  })
}

/**
 * The first-visit hint as HTML, for the page's `<head>` next to the loader:
 * `<script type="module" async src="/nanoconsent/ui.js"></script>`, or `''`
 * when the request carries a consent cookie.
 * @throws Error when `assetsUrl` is not a relative path or an http(s) URL.
 */
export function firstVisitHint(cookieHeader: string | null | undefined, options: FirstVisitHintOptions): string {
  const src = uiUrl(options)
  if (hasConsentCookie(cookieHeader, options.cookieName)) return ''
  const nonce = options.nonce ? ` nonce="${escapeAttribute(options.nonce)}"` : ''
  return `<script type="module" async${nonce} src="${escapeAttribute(src)}"></script>`
}

/**
 * The first-visit hint as an HTTP `Link` header value,
 * `</nanoconsent/ui.js>; rel=modulepreload`, or `null` when the request
 * carries a consent cookie. For responses whose HTML you do not render
 * (static files behind a CDN, middleware). A header carries no nonce: with
 * a nonce-based CSP use {@link firstVisitHint} instead.
 * @throws Error when `assetsUrl` is not a relative path or an http(s) URL.
 */
export function firstVisitLink(cookieHeader: string | null | undefined, options: FirstVisitHintOptions): string | null {
  const src = uiUrl(options)
  if (hasConsentCookie(cookieHeader, options.cookieName)) return null
  // `<` and `>` would end the `<…>` target, and a header value is ASCII;
  // the URL's own %-escapes stay as they are. (Spaces and control
  // characters were refused in uiUrl.)
  return `<${src.replace(/[<>]|[^\x00-\x7f]+/g, encodeURI)}>; rel=modulepreload`
}

/** `ui.js` in the owner's assets folder, after checking the folder is a URL a script may come from. */
function uiUrl(options: FirstVisitHintOptions): string {
  const url = options && options.assetsUrl
  if (typeof url != 'string' || url.trim() === '') {
    throw new Error('nanoconsent/server: options.assetsUrl must be the folder the loader is served from, e.g. "/nanoconsent/"')
  }
  // Browsers drop tabs and newlines inside URLs and trim control characters,
  // so `java\tscript:` would read as a scheme; no legitimate folder has them.
  if (/[\u0000-\u0020\u007f]/.test(url)) {
    throw new Error(`nanoconsent/server: options.assetsUrl must not contain spaces or control characters, got ${JSON.stringify(url)}`)
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)
  if (scheme && !/^https?$/i.test(scheme[1]!)) {
    throw new Error(`nanoconsent/server: options.assetsUrl must be a relative path or an http(s) URL, got ${JSON.stringify(url)}`)
  }
  return url.replace(/\/?$/, '/') + 'ui.js'
}

/** Escapes a value for a double- or single-quoted HTML attribute. */
function escapeAttribute(value: string): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
