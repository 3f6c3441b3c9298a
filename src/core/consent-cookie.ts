import Cookies from 'js-cookie'
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

/** Writes the consent cookie; false when the browser refused it. */
export function writeConsentCookie(config: ResolvedConfig, value: string): boolean {
  try {
    Cookies.set(config.cookieName, value, { ...attributes(config), expires: config.expiresAfterDays })
    return Cookies.get(config.cookieName) == value
  } catch {
    return false
  }
}

export function removeConsentCookie(config: ResolvedConfig): void {
  try {
    Cookies.remove(config.cookieName, attributes(config))
  } catch {
    // Nothing to undo: a cookie that cannot be read already counts as no consent.
  }
}

/** Sets a tracker's own cookie (the affiliate click id) once its category is granted. */
export function setCookie(name: string, value: string, days: number): void {
  Cookies.set(name, value, { expires: days, path: '/', sameSite: 'Lax', secure: location.protocol == 'https:' })
}
