import Cookies from 'js-cookie'
import { cookiePlaces } from './cookie-places.js'

/**
 * Deletes cookies by name or pattern (`_ga_*`) wherever they may sit: host
 * only and every domain level, on every path prefix of the page's URL
 * (cookie-places.ts). Returns the names it found.
 */
export function deleteCookies(patterns: string[], hostname = location.hostname): string[] {
  const matchers = patterns.map((p) => new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`))
  try {
    const names = Object.keys(Cookies.get()).filter((name) => matchers.some((m) => m.test(name)))
    for (const name of names) for (const place of cookiePlaces(hostname)) Cookies.remove(name, place)
    return names
  } catch {
    // No cookie jar (a sandboxed iframe): nothing to delete, and the rest of the withdrawal goes on.
    return []
  }
}
