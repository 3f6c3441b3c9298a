/** Languages that ship with nanoconsent (`locales/`) besides English, which the UI chunk holds. */
export const TRANSLATED = ['ar', 'fr']
/** Every shipped language. Only these and the owner's are ever requested. */
export const SHIPPED = ['en', ...TRANSLATED]
