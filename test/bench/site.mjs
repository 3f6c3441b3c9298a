// The one small site every tool is measured on, and each tool's markup and
// configuration for it: the same five categories (necessary read-only,
// preferences, analytics, advertising, affiliate), a banner, and a GA4 tag
// gated behind "analytics" in the tool's own markup style.

export const GTAG = 'https://www.googletagmanager.com/gtag/js?id=G-BENCH1'

const categories = ['necessary', 'preferences', 'analytics', 'advertising', 'affiliate']
const titles = {
  necessary: 'Strictly necessary',
  preferences: 'Preferences',
  analytics: 'Analytics',
  advertising: 'Advertising',
  affiliate: 'Affiliate'
}

export const siteCss = `
body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#222;background:#fff}
header,main,footer{max-width:46rem;margin:0 auto;padding:1rem}
nav a{margin-right:1rem}
.products{display:grid;grid-template-columns:repeat(3,1fr);gap:1rem;padding:0;list-style:none}
.products li{border:1px solid #ddd;border-radius:.5rem;padding:1rem}
footer{border-top:1px solid #ddd;color:#555}
`

const paragraph =
  'Every piece is thrown on the wheel in our workshop, glazed by hand and fired twice. ' +
  'Small differences in colour and shape are part of what makes each one yours. ' +
  'We ship across Europe in recycled packaging and take returns for thirty days.'

/** The page: identical for every tool but for the tool's own markup. */
export function page({ lang = 'en', head = '', settingsLink = '', analyticsTag = '', bodyEnd = '' }) {
  const products = ['Mug', 'Bowl', 'Plate', 'Vase', 'Teapot', 'Jug']
    .map((p, i) => `<li><h3>${p}</h3><p>Stoneware, ${12 + i * 4} cm.</p><p>€${18 + i * 7}</p></li>`)
    .join('')
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Clay &amp; Co — handmade ceramics</title>
<link rel="stylesheet" href="/site/site.css">
${head}
</head>
<body>
<header><nav><a href="/">Home</a><a href="/shop">Shop</a><a href="/about">About</a></nav></header>
<main>
<h1>Handmade ceramics</h1>
<p>${paragraph}</p>
<ul class="products">${products}</ul>
<p>${paragraph}</p>
<p>${paragraph}</p>
</main>
<footer><p>© Clay &amp; Co · <a href="/privacy">Privacy policy</a> ${settingsLink}</p></footer>
${analyticsTag}
${bodyEnd}
</body>
</html>
`
}

// nanoconsent's page, and its variants: the same page in French, and with
// the first-visit hint from nanoconsent/server (as a tag in <head>, or as a
// Link header), which depends on the request's Cookie header.
const nanoHead =
  '<script type="application/json" id="nanoconsent-config">' +
  // The five categories listed, as the README asks of every site: unlisted, the page would derive
  // only necessary and analytics from its one marked tag, and ask about less than the others do.
  JSON.stringify({ revision: 1, categories, policyUrl: '/privacy', reloadOnRevoke: false }) +
  '</script>\n<script src="/nanoconsent/nanoconsent.js"></script>'
const nanoPage = ({ lang = 'en', hint = '' } = {}) =>
  page({
    lang,
    head: nanoHead + (hint ? `\n${hint}` : ''),
    settingsLink: '· <a href="#" data-nanoconsent="open-preferences">Cookie settings</a>',
    analyticsTag: `<script type="text/plain" data-category="analytics" data-src="${GTAG}"></script>`
  })
// Its banner's buttons by their public data-action attributes (any language),
// in the open shadow root on #nanoconsent-root or, should the UI move there,
// its light DOM. The modal has the same actions but is hidden on a first visit.
const nanoButtons = `() => {
  const root = document.getElementById('nanoconsent-root')
  const out = { accept: null, reject: null }
  if (!root) return out
  for (const scope of [root.shadowRoot, root]) {
    if (!scope) continue
    out.accept ||= scope.querySelector('[data-action="accept-all"]')
    out.reject ||= scope.querySelector('[data-action="reject-all"]')
  }
  return out
}`
const ASSETS = '/nanoconsent/'
const nano = (label, fields) => ({ label, prefix: '/nanoconsent/', findButtons: nanoButtons, ...fields })

/**
 * Each tool: where its files are served from, its page (HTML, or a function
 * of the request's cookie header and nanoconsent/server's module returning
 * `{ body, headers }`), and how to find its banner's "Accept all" and
 * "Reject all" buttons (source of a page function; see probe.mjs).
 * `variantOf` marks a variant of another tool's page: it is measured on
 * first visits only, where it differs.
 */
export const tools = {
  nanoconsent: nano('nanoconsent', { html: nanoPage() }),
  'nanoconsent-hint': nano('nanoconsent + hint tag', {
    variantOf: 'nanoconsent',
    html: ({ cookie, server }) => ({ body: nanoPage({ hint: server.firstVisitHint(cookie, { assetsUrl: ASSETS }) }) })
  }),
  'nanoconsent-link': nano('nanoconsent + hint Link header', {
    variantOf: 'nanoconsent',
    html: ({ cookie, server }) => {
      const link = server.firstVisitLink(cookie, { assetsUrl: ASSETS })
      return { body: nanoPage(), headers: link ? { Link: link } : {} }
    }
  }),
  'nanoconsent-fr': nano('nanoconsent, fr page', { variantOf: 'nanoconsent', html: nanoPage({ lang: 'fr' }) }),

  vcc: {
    label: 'vanilla-cookieconsent',
    prefix: '/vcc/',
    html: page({
      head: '<link rel="stylesheet" href="/vcc/cookieconsent.css">',
      settingsLink: '· <a href="#" data-cc="show-preferencesModal">Cookie settings</a>',
      analyticsTag: `<script type="text/plain" data-category="analytics" data-src="${GTAG}"></script>`,
      // As its docs place it: the UMD bundle at the end of <body>, then run().
      bodyEnd: `<script src="/vcc/cookieconsent.umd.js"></script>
<script>
CookieConsent.run(${JSON.stringify({
        // The bench drives a headless browser; the default would hide the banner from it.
        hideFromBots: false,
        revision: 1,
        cookie: { name: 'cc_cookie', expiresAfterDays: 182 },
        guiOptions: { consentModal: { layout: 'bar', position: 'bottom' } },
        categories: Object.fromEntries(
          categories.map((c) => [c, c === 'necessary' ? { enabled: true, readOnly: true } : {}])
        ),
        language: {
          default: 'en',
          translations: {
            en: {
              consentModal: {
                title: 'We use cookies',
                description: 'We use cookies for analytics, advertising and affiliate tracking. <a href="/privacy">Privacy policy</a>',
                acceptAllBtn: 'Accept all',
                acceptNecessaryBtn: 'Reject all',
                showPreferencesBtn: 'Customize'
              },
              preferencesModal: {
                title: 'Cookie settings',
                acceptAllBtn: 'Accept all',
                acceptNecessaryBtn: 'Reject all',
                savePreferencesBtn: 'Save preferences',
                closeIconLabel: 'Close',
                sections: categories.map((c) => ({
                  title: titles[c],
                  description: `${titles[c]} cookies.`,
                  linkedCategory: c
                }))
              }
            }
          }
        }
      })});
</script>`
    }),
    findButtons: `() => ({
      accept: document.querySelector('#cc-main .cm button[data-role="all"]'),
      reject: document.querySelector('#cc-main .cm button[data-role="necessary"]')
    })`
  },

  klaro: {
    label: 'Klaro',
    prefix: '/klaro/',
    html: page({
      // As its docs place it: config, then klaro.js (CSS included) deferred in <head>.
      head: `<script>
var klaroConfig = ${JSON.stringify({
        version: 1,
        elementID: 'klaro',
        storageMethod: 'cookie',
        cookieName: 'klaro',
        cookieExpiresAfterDays: 182,
        privacyPolicy: '/privacy',
        default: false,
        mustConsent: false,
        acceptAll: true,
        hideDeclineAll: false,
        translations: {
          en: {
            ok: 'Accept all',
            decline: 'Reject all',
            consentNotice: { learnMore: 'Customize' },
            purposes: Object.fromEntries(categories.map((c) => [c, titles[c]]))
          }
        },
        services: categories.map((c) => ({
          name: c,
          title: titles[c],
          purposes: [c],
          required: c === 'necessary',
          default: c === 'necessary'
        }))
      })};
</script>
<script defer src="/klaro/klaro.js"></script>`,
      settingsLink: '',
      analyticsTag: `<script type="text/plain" data-type="application/javascript" data-name="analytics" data-src="${GTAG}"></script>`
    }),
    findButtons: `() => ({
      accept: document.querySelector('.klaro .cookie-notice .cm-btn-success'),
      reject: document.querySelector('.klaro .cookie-notice .cn-decline')
    })`
  },

  // The same site with no consent tool: the reference for script time and long tasks.
  baseline: {
    label: 'no tool',
    prefix: '/none/',
    html: page({ analyticsTag: `<script type="text/plain" data-category="analytics" data-src="${GTAG}"></script>` }),
    findButtons: null
  }
}
