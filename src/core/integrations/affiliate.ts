import { clamp, token, url } from '../check.js'
import { readCookies } from '../read-cookie.js'
import type { AffiliateConfig } from '../types.js'
import type { Manifest } from './manifest.js'

// The seed policy promises the identifier "tracks you for one month".
const MAX_DAYS = 30
let clickId: string | null = null

/**
 * Affiliate pixels and the click identifier. Before consent the click id is
 * only held in memory, and it is taken out of the address bar so that no
 * other script (analytics included) can read or send it.
 */
export const affiliate: Manifest<AffiliateConfig> = {
  key: 'affiliate',
  category: 'affiliate',
  schema: { pixels: [url], clickParam: token, cookie: token, days: clamp(1, MAX_DAYS) },
  cookies: (config) => ({ affiliate: [config.cookie || 'aff_id'] }),
  start(config) {
    const url = new URL(location.href)
    const param = config.clickParam || 'aff_id'
    clickId = url.searchParams.get(param)
    if (clickId == null) return
    url.searchParams.delete(param)
    history.replaceState(history.state, '', url.href)
  },
  grant(config, core) {
    const name = config.cookie || 'aff_id'
    const id = clickId || decodeURIComponent(readCookies(name)[0] || '')
    if (clickId) core.load('change').then((c) => c.setCookie(name, clickId!, Math.min(config.days || MAX_DAYS, MAX_DAYS)))
    for (const pixel of config.pixels || []) new Image().src = pixel.replace('{click}', encodeURIComponent(id))
  }
}
