/**
 * Every place a cookie of this page may sit, as js-cookie attributes: host
 * only and each domain level (`www.shop.example.com`, `shop.example.com`,
 * `example.com`), times each path prefix of the page's URL (`/`, `/blog`,
 * `/blog/`, …). A browser deletes a cookie only at its exact domain and
 * path, and ignores a deletion where none sits, so trying each is safe.
 */
export function cookiePlaces(hostname = location.hostname, pathname = location.pathname): { domain?: string; path: string }[] {
  const parts = hostname.split('.')
  // An IP address has no parent domains, and a bare top-level domain (`com`) holds no cookies.
  const domains = [undefined, ...(/^[\d.]+$|:/.test(hostname) ? [] : parts.slice(1).map((_, i) => parts.slice(i).join('.')))]
  const paths = ['/']
  const segments = pathname.split('/').slice(1)
  for (let i = 1; i <= segments.length; i++) {
    const path = '/' + segments.slice(0, i).join('/')
    if (path != '/') paths.push(path.replace(/\/$/, ''), path.replace(/\/?$/, '/'))
  }
  return domains.flatMap((domain) => [...new Set(paths)].map((path) => (domain ? { domain, path } : { path })))
}
