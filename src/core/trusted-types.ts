/**
 * The `nanoconsent` Trusted Types policy. On a page that enforces
 * `require-trusted-types-for 'script'`, a script's `src` and text only take
 * trusted values. The policy passes strings through unchanged because every
 * caller has already decided the value may run: a vendor URL of our own, or
 * a marked tag the page signed with its nonce and whose URL is http(s). It
 * is module-private, so page script can never use it to launder a string.
 */
interface Policy {
  createScript(text: string): string
  createScriptURL(url: string): string
}

let policy: Policy | undefined

export function trusted(): Policy {
  if (!policy) {
    const same = (s: string) => s
    const types = (window as { trustedTypes?: { createPolicy(name: string, rules: Policy): Policy } }).trustedTypes
    try {
      policy = types && types.createPolicy('nanoconsent', { createScript: same, createScriptURL: same })
    } catch (e) {
      // Not silent: gating stops where the sinks refuse plain strings, and the owner must know why.
      console.error('nanoconsent: the page\'s CSP refuses the Trusted Types policy "nanoconsent"; add it to trusted-types.', e)
    }
    policy ||= { createScript: same, createScriptURL: same }
  }
  return policy
}
