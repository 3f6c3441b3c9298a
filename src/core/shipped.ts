/** Languages that ship with nanoconsent (`locales/`). Only these and the owner's are ever requested. */
export const SHIPPED = ['en', 'ar', 'fr']
