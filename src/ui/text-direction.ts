/** Languages i18next writes right to left when Intl cannot say (its own list). */
const RTL = 'ar shu sqr ssh xaa yhd yud aao abh abv acm acq acw acx acy adf ads aeb aec afb ajp apc apd arb arq ars ary arz auz avl ayh ayl ayn ayp bbz pga he iw ps pbt pbu pst prp prd ug ur ydd yds yih ji yi hbo men xmn fa jpr peo pes prs dv sam ckb'.split(' ')

/**
 * The writing direction of `lng`, decided as i18next's `dir()` decides it
 * (a unit test keeps them equal), so the banner is laid out before i18next
 * is loaded: Intl's text info where the browser has it, else the list.
 */
export function textDirection(lng: string): 'ltr' | 'rtl' {
  try {
    const info = (new Intl.Locale(lng) as { getTextInfo?: () => { direction?: 'ltr' | 'rtl' } }).getTextInfo?.()
    if (info && info.direction) return info.direction
  } catch {}
  const tag = lng.toLowerCase()
  if (tag.indexOf('-latn') > 1) return 'ltr'
  return RTL.includes(tag.split('-')[0]!) || tag.indexOf('-arab') > 1 ? 'rtl' : 'ltr'
}
