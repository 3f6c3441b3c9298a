/**
 * Cookies of vendors a site is likely to paste as marked tags, by the
 * category they belong to. Withdrawing the category deletes them even when
 * the owner did not declare them. They are not shown in the preferences,
 * which name only what this site configures or declares: an owner who uses
 * one declares it in `categories` (which extends this list) and it is shown.
 */
export const vendorCookies: Record<string, string[]> = {
  // Hotjar; Microsoft Clarity.
  analytics: ['_hj*', '_clck', '_clsk'],
  // TikTok; Pinterest; LinkedIn Insight; Microsoft Advertising (UET).
  advertising: ['_ttp', '_tt_enable_cookie', '_pin_unauth', '_epik', 'li_*', '_uet*']
}
