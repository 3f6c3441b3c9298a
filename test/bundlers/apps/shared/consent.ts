import { createConsent } from 'nanoconsent'

// In Arabic here; the default, 'auto', follows <html lang>, then the browser's languages.
// An app lists its categories: the tags it renders later cannot add one (README, Categories).
export const consent = createConsent({ revision: 3, policyUrl: '/privacy', locale: 'ar', categories: ['analytics', 'advertising'] })
export const { $consent } = consent
