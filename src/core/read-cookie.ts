/**
 * Every value of the cookies called `name` that the page can see. A browser
 * sends several when they sit at different domain levels or paths (an older
 * `cookieDomain`, a `path=/blog` leftover), in an order the page cannot
 * rely on. A page where `document.cookie` throws (a sandboxed iframe) has
 * none. The loader reads with these lines instead of js-cookie, which ships
 * in the change chunk where cookies are written: reading is all a returning
 * visitor needs.
 */
export function readCookies(name: string): string[] {
  try {
    return document.cookie
      .split('; ')
      .filter((c) => c.startsWith(name + '='))
      .map((c) => c.slice(name.length + 1))
  } catch {
    return []
  }
}
