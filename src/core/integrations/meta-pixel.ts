import { injectScript } from '../inject.js'
import type { MetaPixelConfig } from '../types.js'
import type { Manifest } from './manifest.js'

type Fbq = ((...args: unknown[]) => void) & { queue?: unknown[][]; callMethod?: (...args: unknown[]) => void; loaded?: boolean; version?: string; push?: Fbq }

declare global {
  interface Window {
    fbq?: Fbq
    _fbq?: Fbq
  }
}

/** Meta's base code: a queue fbevents.js drains when it arrives. */
function baseCode(): Fbq {
  const w = window
  if (w.fbq) return w.fbq
  const fbq: Fbq = (...args) => (fbq.callMethod ? fbq.callMethod(...args) : fbq.queue!.push(args))
  fbq.push = fbq
  fbq.loaded = true
  fbq.version = '2.0'
  fbq.queue = []
  return (w.fbq = w._fbq = fbq)
}

/** The Meta (Facebook) pixel: fbevents.js is requested only once `advertising` is granted. */
export const metaPixel: Manifest<MetaPixelConfig> = {
  key: 'metaPixel',
  category: 'advertising',
  required: 'id',
  schema: { id: /^"\d{5,20}"$/ },
  cookies: () => ({
    advertising: ['_fbp', '_fbc']
  }),
  grant(config, core) {
    const fbq = baseCode()
    fbq('consent', 'grant')
    fbq('init', config.id)
    fbq('track', 'PageView')
    injectScript('https://connect.facebook.net/en_US/fbevents.js', core.nonce)
  },
  revoke() {
    const fbq = window.fbq
    if (fbq) fbq('consent', 'revoke')
  }
}
