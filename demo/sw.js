/* nanoconsent demo: a service worker that sees every request the page makes
 * to a tracker host, tells the page about it (for the privacy inspector), and
 * answers with a small offline stand-in so the demo works without internet.
 * The stand-ins behave like the vendors' scripts where it matters: they read
 * Google Consent Mode and fbq('consent'), and set _ga, _ga_*, _gcl_au, _fbp.
 * Requests to any other host are left alone. */

const TRACKER_HOSTS = [
  /^www\.googletagmanager\.com$/,
  /(^|\.)google-analytics\.com$/,
  /(^|\.)doubleclick\.net$/,
  /^www\.googleadservices\.com$/,
  /^connect\.facebook\.net$/,
  /^(www\.)?facebook\.com$/,
  /^partners\.example$/
]

self.addEventListener('install', () => self.skipWaiting())
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()))

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url)
  if (!TRACKER_HOSTS.some((re) => re.test(url.hostname))) return
  event.respondWith(answer(event, url))
})

async function answer(event, url) {
  const message = { type: 'nanoconsent-demo:request', url: url.href, destination: event.request.destination, time: Date.now() }
  const client = event.clientId && (await self.clients.get(event.clientId))
  const targets = client ? [client] : await self.clients.matchAll({ type: 'window' })
  for (const c of targets) c.postMessage(message)
  return stub(url)
}

const GIF = Uint8Array.from(atob('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7'), (c) => c.charCodeAt(0))
const js = (body) => new Response(body, { headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' } })

function stub(url) {
  if (url.hostname === 'www.googletagmanager.com' && url.pathname === '/gtag/js') return js(GTAG)
  if (url.hostname === 'connect.facebook.net' && /fbevents\.js$/.test(url.pathname)) return js(FBEVENTS)
  if (/google-analytics\.com$/.test(url.hostname)) return new Response(null, { status: 204 })
  return new Response(GIF, { headers: { 'content-type': 'image/gif', 'cache-control': 'no-store' } })
}

// ---- gtag.js stand-in -------------------------------------------------------
const GTAG = `(function () {
  var src = (document.currentScript && document.currentScript.src) || '';
  var m = /[?&]id=([^&]+)/.exec(src);
  var ownId = m ? decodeURIComponent(m[1]) : '';
  var dl = window.dataLayer = window.dataLayer || [];
  var s = window.__demoGtag;
  if (!s) {
    s = window.__demoGtag = { consent: {}, ids: {}, sent: {} };
    var push = dl.push;
    dl.push = function () {
      var r = push.apply(dl, arguments);
      for (var i = 0; i < arguments.length; i++) handle(arguments[i]);
      return r;
    };
    dl.slice().forEach(function (a) { if (a && a[0] === 'consent') handle(a); });
    dl.slice().forEach(function (a) { if (!(a && a[0] === 'consent')) handle(a); });
  }
  if (ownId) { s.ids[ownId] = true; fire(); }
  function handle(a) {
    if (!a || typeof a.length !== 'number') return;
    if (a[0] === 'consent' && a[2]) for (var k in a[2]) s.consent[k] = a[2][k];
    if (a[0] === 'config' && a[1]) s.ids[a[1]] = true;
    fire();
  }
  function cookie(name, value, days) {
    if (document.cookie.indexOf(name + '=') > -1) return;
    document.cookie = name + '=' + value + '; path=/; max-age=' + days * 86400 + '; samesite=lax';
  }
  function fire() {
    var now = Math.floor(Date.now() / 1000);
    for (var id in s.ids) {
      if (s.sent[id]) continue;
      if (/^G-/.test(id) && s.consent.analytics_storage === 'granted') {
        s.sent[id] = true;
        cookie('_ga', 'GA1.1.' + Math.floor(Math.random() * 1e9) + '.' + now, 400);
        cookie('_ga_' + id.slice(2), 'GS1.1.' + now + '.1.0.' + now + '.0.0.0', 400);
        new Image().src = 'https://region1.google-analytics.com/g/collect?v=2&tid=' + id + '&en=page_view&dl=' + encodeURIComponent(location.origin + location.pathname);
      } else if (/^AW-/.test(id) && s.consent.ad_storage === 'granted') {
        s.sent[id] = true;
        cookie('_gcl_au', '1.1.' + Math.floor(Math.random() * 1e9) + '.' + now, 90);
        new Image().src = 'https://googleads.g.doubleclick.net/pagead/viewthroughconversion/' + id.slice(3) + '/?random=' + Date.now();
      }
    }
  }
})();`

// ---- fbevents.js stand-in ---------------------------------------------------
const FBEVENTS = `(function () {
  var f = window.fbq; if (!f || f.__demo) return;
  f.__demo = true;
  var granted = true, pixels = [];
  function fbp() {
    if (!granted || document.cookie.indexOf('_fbp=') > -1) return;
    document.cookie = '_fbp=fb.1.' + Date.now() + '.' + Math.floor(Math.random() * 1e9) + '; path=/; max-age=7776000; samesite=lax';
  }
  function call() {
    var a = arguments;
    if (a[0] === 'consent') { granted = a[1] !== 'revoke'; fbp(); return; }
    if (a[0] === 'init') { pixels.push(String(a[1])); fbp(); return; }
    if ((a[0] === 'track' || a[0] === 'trackCustom') && granted) pixels.forEach(function (id) {
      new Image().src = 'https://www.facebook.com/tr/?id=' + id + '&ev=' + encodeURIComponent(a[1]) + '&dl=' + encodeURIComponent(location.origin + location.pathname);
    });
  }
  f.callMethod = call; f.loaded = true;
  var q = f.queue || []; f.queue = [];
  for (var i = 0; i < q.length; i++) call.apply(null, q[i]);
})();`
