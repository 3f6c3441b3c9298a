/**
 * What a marked tag may load. The gate turns inert markup into live
 * requests, so every URL it hands the browser is checked here first:
 * http(s) only, never `javascript:`, `data:` or `blob:`.
 */

/** The URL a tag may load: `url` resolved against the tag's base, when it is http(s); otherwise ''. */
export function httpUrl(url: string, el: Element): string {
  try {
    const u = new URL(url, el.baseURI)
    return /^https?:$/.test(u.protocol) ? u.href : ''
  } catch {
    return ''
  }
}

/**
 * The URLs of a `srcset`, split as the browser splits it (HTML's "parse a
 * srcset attribute"): a URL runs to whitespace, and trailing commas end its
 * candidate; descriptors run to the next comma outside parentheses. Where
 * the two could differ this finds more URLs, never fewer, so nothing the
 * browser would fetch goes unchecked.
 */
export function srcsetUrls(srcset: string): string[] {
  const urls: string[] = []
  let rest = srcset
  while ((rest = rest.replace(/^[\s,]+/, ''))) {
    const url = /^\S+/.exec(rest)![0]
    rest = rest.slice(url.length)
    urls.push(url.replace(/,+$/, ''))
    if (!/,$/.test(url)) rest = rest.replace(/^(?:[^,(]|\([^)]*\)?)*/, '')
  }
  return urls
}

/**
 * Why the gate refuses a tag, or '' when it may be activated. When the
 * loader carries a CSP nonce, a marked script must carry the same one, which
 * markup injected through an HTML-injection bug cannot know.
 */
export function refusal(el: HTMLElement, nonce: string): string {
  if (el.tagName == 'SCRIPT' && nonce && (el as HTMLScriptElement).nonce !== nonce) return "it lacks the page's CSP nonce"
  for (const key of ['src', 'href', 'srcset']) {
    const value = el.dataset[key]
    if (value != null && !(key == 'srcset' ? srcsetUrls(value) : [value]).every((u) => httpUrl(u, el))) return `its data-${key} holds a URL that is not http(s)`
  }
  return ''
}
