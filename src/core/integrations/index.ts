import { affiliate } from './affiliate.js'
import { ga4 } from './ga4.js'
import type { Manifest } from './manifest.js'
import { metaPixel } from './meta-pixel.js'

/** Every built-in vendor. Adding a vendor means adding its manifest here. */
export const integrations: Manifest[] = [ga4, metaPixel, affiliate]
