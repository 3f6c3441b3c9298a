/**
 * locales/en.json, bundled so the banner always shows even when no locale file
 * can be fetched. The build has no JSON loader, so it is copied here; a unit
 * test (test/unit/ui/locales.test.ts) fails when the two drift apart.
 */
export const en = {
  "banner": {
    "label": "Cookie consent",
    "title": "We value your privacy",
    "text": "We use cookies to keep this site working and, with your consent, to remember your choices, measure our audience, show you relevant ads and credit partners who referred you. You can accept all, reject all or choose by category, and change your mind at any time from “Cookie settings”.",
    "policy": "Privacy policy",
    "gpc": "Your browser sent a Global Privacy Control signal, so we have honoured it: advertising and affiliate cookies stay off.",
    "revision": "Our cookie policy has changed since you last made a choice. Please review your settings."
  },
  "actions": {
    "acceptAll": "Accept all",
    "rejectAll": "Reject all",
    "customize": "Customize",
    "save": "Save preferences",
    "close": "Close",
    "download": "Download my consent record"
  },
  "prefs": {
    "title": "Cookie preferences",
    "description": "Choose which cookies we may use. Strictly necessary cookies are always on because the site cannot work without them.",
    "alwaysOn": "Always on",
    "cookies_one": "{{count}} cookie",
    "cookies_other": "{{count}} cookies",
    "name": "Name",
    "provider": "Provider",
    "purpose": "Purpose",
    "lifetime": "Lifetime"
  },
  "categories": {
    "necessary": {
      "name": "Strictly necessary",
      "purpose": "Needed for the site to work: your session, security and remembering your cookie choices. They cannot be switched off."
    },
    "preferences": {
      "name": "Preferences",
      "purpose": "Remember choices you make, such as your language, to give you a more personal experience."
    },
    "analytics": {
      "name": "Audience measurement",
      "purpose": "Help us understand how the site is used and how many people visit, including Google Analytics demographics and interests reports."
    },
    "advertising": {
      "name": "Advertising",
      "purpose": "Used for remarketing and personalised ads, including the Meta pixel and Google Ads."
    },
    "affiliate": {
      "name": "Affiliate partners",
      "purpose": "Keep the identifier of the partner link you clicked for one month, so that we can pay the partner who referred you."
    }
  }
}
