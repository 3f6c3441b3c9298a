import Cookies from 'js-cookie'

/**
 * Deletes cookies by name or pattern (`_ga_*`) on every domain level they may
 * sit on: host-only, and each parent of the host (`.sub.example.com`,
 * `.example.com`), all with path `/`. A browser ignores a deletion for a level
 * that holds no such cookie, so trying each level is safe.
 */
export function deleteCookies(patterns: string[], hostname = location.hostname): string[] {
  const matchers = patterns.map((p) => new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`))
  const names = Object.keys(Cookies.get()).filter((name) => matchers.some((m) => m.test(name)))
  const parts = hostname.split('.')
  // An IP address has no parent domains, and a bare top-level domain (`com`) holds no cookies.
  const levels = /^[\d.]+$|:/.test(hostname) ? [] : parts.slice(1).map((_, i) => parts.slice(i).join('.'))
  for (const name of names) {
    Cookies.remove(name, { path: '/' })
    for (const domain of levels) Cookies.remove(name, { path: '/', domain })
  }
  return names
}
