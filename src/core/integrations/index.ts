import { affiliate } from './affiliate'
import { ga4 } from './ga4'
import type { Manifest } from './manifest'
import { metaPixel } from './meta-pixel'

/** Every built-in vendor. Adding a vendor means adding its manifest here. */
export const integrations: Manifest[] = [ga4, metaPixel, affiliate]
