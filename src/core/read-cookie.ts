/**
 * Reads one cookie's raw value. The loader reads with these two lines
 * instead of js-cookie, which ships in the change chunk where cookies are
 * written and deleted: reading is all a returning visitor needs, and
 * js-cookie would add a fifth of the loader's budget to every page view.
 */
export function readCookie(name: string): string | undefined {
  const pair = document.cookie.split('; ').find((c) => c.startsWith(name + '='))
  return pair && pair.slice(name.length + 1)
}
