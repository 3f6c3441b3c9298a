import { createConsent } from 'nanoconsent'

// In Arabic here; the default, 'auto', follows <html lang>, then the browser's languages.
export const consent = createConsent({ revision: 3, policyUrl: '/privacy', locale: 'ar' })
export const { $consent } = consent
