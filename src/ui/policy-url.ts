/**
 * The privacy policy URL if it is safe to link: `http:`, `https:` or relative.
 * Anything else (`javascript:`, `data:`, …) yields `''`, and no link is shown.
 */
export function policyHref(url: string | undefined): string {
  const value = String(url || '').trim()
  if (!value) return ''
  // Control characters and whitespace inside a scheme are ignored by URL parsers.
  const scheme = /^([^/?#]*?):/.exec(value.replace(/[\u0000-\u0020]/g, ''))
  if (!scheme) return value
  return /^https?$/i.test(scheme[1]!) ? value : ''
}
