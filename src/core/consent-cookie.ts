import Cookies from 'js-cookie'
import { cookiePlaces } from './cookie-places.js'
import { readCookies } from './read-cookie.js'
import type { ResolvedConfig } from './types.js'

/** js-cookie attributes for the consent cookie: SameSite=Lax, Secure on https. */
function attributes(config: ResolvedConfig) {
  return {
    path: '/',
    sameSite: 'Lax' as const,
    secure: location.protocol == 'https:',
    ...(config.cookieDomain ? { domain: config.cookieDomain } : {})
  }
}

/**
 * Writes the consent cookie, and first deletes every other one the page can
 * address (an older `cookieDomain`, a `path=/blog` leftover), so there is
 * one consent cookie, wherever old ones were left. False when the browser
 * refused it.
 */
export function writeConsentCookie(config: ResolvedConfig, value: string): boolean {
  try {
    removeConsentCookies(config)
    Cookies.set(config.cookieName, value, { ...attributes(config), expires: config.expiresAfterDays })
    return readCookies(config.cookieName).includes(value)
  } catch {
    return false
  }
}

/** Deletes the consent cookie at every domain level and path it may sit on. */
export function removeConsentCookies(config: ResolvedConfig): void {
  try {
    for (const place of cookiePlaces()) Cookies.remove(config.cookieName, place)
  } catch {
    // Nothing to undo: a cookie that cannot be read already counts as no consent.
  }
}

/** Sets a tracker's own cookie (the affiliate click id) once its category is granted. */
export function setCookie(name: string, value: string, days: number): void {
  Cookies.set(name, value, { expires: days, path: '/', sameSite: 'Lax', secure: location.protocol == 'https:' })
}
