/**
 * Real-browser harness: one static server, one Chromium per test file, a fresh
 * context per test. Tracker hosts are intercepted (never reached) and answered
 * with stubs that behave like the vendor scripts where it matters (cookies,
 * dataLayer / fbq queue processing, follow-up beacons). Every request is logged.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'
import { CHROMIUM, CHROMIUM_ARGS, CHROMIUM_MISSING } from '../chromium.mjs'
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core'

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)))
// NANOCONSENT_DIST: a copy of dist/ to test, so a rebuild in the worktree does not pull files from under a run.
export const DIST = process.env.NANOCONSENT_DIST ? resolve(process.env.NANOCONSENT_DIST) : join(ROOT, 'dist')
const HERE = join(ROOT, 'test', 'browser')
export const ARTIFACTS = join(ROOT, 'test-artifacts')

// ---------------------------------------------------------------------------
// Static server
// ---------------------------------------------------------------------------

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.gif': 'image/gif',
  '.png': 'image/png',
  '.svg': 'image/svg+xml'
}

export interface PageDef {
  body: string
  headers?: Record<string, string>
}

export interface Server {
  port: number
  /** `http://www.shop.nanoconsent.test:PORT` — resolved to 127.0.0.1 by Chromium. */
  origin: string
  /** The same pages over TLS on another port (test/browser/tls: a self-signed `*.nanoconsent.test`). */
  httpsPort: number
  /** `https://www.shop.nanoconsent.test:HTTPS_PORT` */
  httpsOrigin: string
  /** Register an HTML page at `path` (e.g. `/t/accept`), optionally with response headers. */
  page(path: string, html: string, headers?: Record<string, string>): string
  /** POST bodies received at `/consent-log`. */
  records: string[]
  /**
   * Answers 404 to the next `times` GETs of `path` (a pathname: any query
   * string matches, so a retry at `change.js?1` counts too); `Infinity`
   * until called again with 0. A chunk that fails to load.
   */
  fail(path: string, times?: number): void
  close(): Promise<void>
}

function safeJoin(base: string, rel: string): string | null {
  const p = normalize(join(base, rel))
  return p === base || p.startsWith(base + sep) ? p : null
}

export const TEST_HOST = 'www.shop.nanoconsent.test'

export async function startServer(): Promise<Server> {
  const pages = new Map<string, PageDef>()
  const records: string[] = []
  const failing = new Map<string, number>()
  const handler: http.RequestListener = (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const path = decodeURIComponent(url.pathname)
    res.setHeader('cache-control', 'no-store')
    const fails = failing.get(path)
    if (req.method === 'GET' && fails) {
      failing.set(path, fails - 1)
      res.statusCode = 404
      res.setHeader('content-type', 'text/plain')
      res.end('not found (failing on purpose)')
      return
    }
    if (req.method === 'POST') {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        if (path === '/consent-log') records.push(body)
        res.statusCode = 204
        res.end()
      })
      return
    }
    // Raw Set-Cookie, for values context.addCookies would refuse (quotes, commas…).
    if (path === '/__setcookie') {
      const name = url.searchParams.get('name') ?? 'nanoconsent'
      const value = url.searchParams.get('value') ?? ''
      try {
        res.setHeader('set-cookie', `${name}=${value}; Path=/; SameSite=Lax`)
      } catch (e) {
        res.statusCode = 400
        res.end(String(e))
        return
      }
      res.setHeader('content-type', 'text/plain')
      res.end('ok')
      return
    }
    const def = pages.get(path)
    if (def) {
      res.setHeader('content-type', 'text/html; charset=utf-8')
      for (const [k, v] of Object.entries(def.headers ?? {})) res.setHeader(k, v)
      res.end(def.body)
      return
    }
    let file: string | null = null
    if (path.startsWith('/dist/')) file = safeJoin(DIST, path.slice(6))
    else if (path.startsWith('/pages/')) file = safeJoin(join(HERE, 'pages'), path.slice(7))
    else if (path === '/privacy') {
      res.setHeader('content-type', 'text/html; charset=utf-8')
      res.end('<!doctype html><html lang="en"><title>Privacy</title><main><h1>Privacy policy</h1></main></html>')
      return
    }
    if (file && existsSync(file) && statSync(file).isFile()) {
      res.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream')
      res.end(readFileSync(file))
      return
    }
    res.statusCode = 404
    res.setHeader('content-type', 'text/plain')
    res.end('not found')
  }
  const srv = http.createServer(handler)
  // Secure cookies and a cookieDomain need https: a self-signed certificate for
  // *.nanoconsent.test, checked in (test only), accepted by Chromium's --ignore-certificate-errors.
  const tls = (f: string) => readFileSync(join(HERE, 'tls', f))
  const secure = https.createServer({ key: tls('key.pem'), cert: tls('cert.pem') }, handler)
  await Promise.all([srv, secure].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))))
  const port = (srv.address() as AddressInfo).port
  const httpsPort = (secure.address() as AddressInfo).port
  return {
    port,
    origin: `http://${TEST_HOST}:${port}`,
    httpsPort,
    httpsOrigin: `https://${TEST_HOST}:${httpsPort}`,
    records,
    fail(path, times = 1) {
      failing.set(path, times)
    },
    page(path, html, headers) {
      pages.set(path, { body: html, headers })
      return `http://${TEST_HOST}:${port}${path}`
    },
    close: () =>
      Promise.all(
        [srv, secure].map(
          (s) =>
            new Promise<void>((r) => {
              s.closeAllConnections()
              s.close(() => r())
            })
        )
      ).then(() => {})
  }
}

// ---------------------------------------------------------------------------
// Browser
// ---------------------------------------------------------------------------

export { CHROMIUM }

export async function launch(): Promise<Browser> {
  // test/chromium-setup.mjs has stopped the run already when Chromium is missing.
  if (!existsSync(CHROMIUM)) throw new Error(CHROMIUM_MISSING)
  if (!existsSync(join(DIST, 'nanoconsent.js'))) {
    throw new Error('dist/nanoconsent.js is missing: run `npm run build` before the browser tests.')
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      ...CHROMIUM_ARGS,
      '--host-resolver-rules=MAP *.nanoconsent.test 127.0.0.1',
      // The https test origin's certificate is self-signed (test/browser/tls).
      '--ignore-certificate-errors'
    ]
  })
}

// ---------------------------------------------------------------------------
// Tracker interception
// ---------------------------------------------------------------------------

export type Kind = 'gtag' | 'ga-collect' | 'fbevents' | 'fb-tr' | 'affiliate' | 'local' | 'other'

export interface Logged {
  kind: Kind
  url: string
  time: number
  /** Which page (index in `ctx.pages()` order at request time is unreliable); main frame URL. */
  from: string
}

/** Console lines and page errors per page, for failure messages. */
const pageLogs = new WeakMap<Page, string[]>()

export const TRACKER_KINDS: Kind[] = ['gtag', 'ga-collect', 'fbevents', 'fb-tr', 'affiliate']

export function classify(u: URL, ...ports: number[]): Kind {
  const h = u.hostname
  if (h === 'www.googletagmanager.com') return 'gtag'
  if (h === 'google-analytics.com' || h.endsWith('.google-analytics.com')) return 'ga-collect'
  if (h === 'connect.facebook.net') return 'fbevents'
  if (h === 'www.facebook.com' || h === 'facebook.com') return 'fb-tr'
  if (h === 'aff.example' || h.endsWith('.aff.example')) return 'affiliate'
  if ((h === '127.0.0.1' || h.endsWith('.nanoconsent.test')) && ports.map(String).includes(u.port)) return 'local'
  return 'other'
}

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

/** Registrable domain the way GA/Meta compute "auto": the shortest settable parent. */
const AUTO_DOMAIN_JS = `
  function __autoDomain() {
    var h = location.hostname;
    if (/^[0-9.]+$/.test(h) || h === 'localhost' || h.indexOf('.') < 0) return '';
    var parts = h.split('.');
    for (var i = parts.length - 2; i >= 0; i--) {
      var d = '.' + parts.slice(i).join('.');
      var probe = '__nc_probe=' + Math.random();
      document.cookie = probe + '; path=/; domain=' + d;
      var ok = document.cookie.indexOf(probe) >= 0;
      document.cookie = '__nc_probe=; path=/; domain=' + d + '; expires=Thu, 01 Jan 1970 00:00:00 GMT';
      if (ok) return d;
    }
    return '';
  }`

/**
 * gtag.js stub: like the real one it reads its id from its own URL, replays the
 * dataLayer, keeps watching pushes, honours Consent Mode (cookies only while
 * analytics_storage is granted) and sends a collect hit.
 */
export const GTAG_STUB = `(function(){
  ${AUTO_DOMAIN_JS}
  var src = (document.currentScript && document.currentScript.src) || '';
  var m = /[?&]id=([^&]+)/.exec(src); var tagId = m ? decodeURIComponent(m[1]) : '';
  window.__gtagStub = (window.__gtagStub || 0) + 1;
  var dl = window.dataLayer = window.dataLayer || [];
  var consent = { analytics_storage: 'granted' }; var configs = {};
  var done = false;
  function setCookies() {
    if (consent.analytics_storage !== 'granted' || done) return;
    var ids = Object.keys(configs); if (!ids.length && tagId) ids = [tagId];
    if (!ids.length) return;
    done = true;
    var d = __autoDomain(); var dom = d ? '; domain=' + d : '';
    var now = Math.floor(Date.now() / 1000);
    var exp = '; path=/; max-age=' + 63072000 + dom;
    if (document.cookie.indexOf('_ga=') < 0) document.cookie = '_ga=GA1.1.' + Math.floor(Math.random() * 1e9) + '.' + now + exp;
    ids.forEach(function (id) {
      document.cookie = '_ga_' + id.replace(/^G-/, '') + '=GS1.1.' + now + '.1.0.' + now + '.0.0.0' + exp;
      new Image().src = 'https://region1.google-analytics.com/g/collect?v=2&tid=' + encodeURIComponent(id) + '&en=page_view';
    });
  }
  function handle(a) {
    if (!a || typeof a.length !== 'number' || typeof a[0] !== 'string') return;
    if (a[0] === 'consent' && (a[1] === 'default' || a[1] === 'update') && a[2]) {
      if (a[1] === 'default' && done) return;
      for (var k in a[2]) consent[k] = a[2][k];
    } else if (a[0] === 'config' && a[1]) configs[a[1]] = true;
    setCookies();
  }
  var pending = dl.slice();
  var origPush = dl.push;
  dl.push = function () { var r = origPush.apply(dl, arguments); for (var i = 0; i < arguments.length; i++) handle(arguments[i]); return r; };
  // Consent defaults must be known before deciding: replay "consent" first.
  pending.forEach(function (a) { if (a && a[0] === 'consent') handle(a); });
  pending.forEach(function (a) { if (!(a && a[0] === 'consent')) handle(a); });
  setCookies();
})();`

/**
 * gtm.js stub: like a Tag Manager container it reads the dataLayer it finds
 * and every later push, in order. It records them (gtag `arguments` as
 * arrays) in `window.__gtm`, so a test sees what the container saw.
 */
export const GTM_STUB = `(function(){
  var seen = window.__gtm = [];
  var plain = function (e) { return Object.prototype.toString.call(e) === '[object Arguments]' ? Array.prototype.slice.call(e) : JSON.parse(JSON.stringify(e)); };
  var dl = window.dataLayer = window.dataLayer || [];
  dl.forEach(function (e) { seen.push(plain(e)); });
  var push = dl.push;
  dl.push = function () { for (var i = 0; i < arguments.length; i++) seen.push(plain(arguments[i])); return push.apply(dl, arguments); };
})();`

/** fbevents.js stub: installs callMethod, drains the queue, honours fbq('consent', …). */
export const FBEVENTS_STUB = `(function(){
  ${AUTO_DOMAIN_JS}
  window.__fbeventsStub = (window.__fbeventsStub || 0) + 1;
  var f = window.fbq; if (!f) return;
  var granted = true; var pixels = [];
  function fbp() {
    if (!granted || document.cookie.indexOf('_fbp=') >= 0) return;
    var d = __autoDomain();
    document.cookie = '_fbp=fb.1.' + Date.now() + '.' + Math.floor(Math.random() * 1e9) + '; path=/; max-age=7776000' + (d ? '; domain=' + d : '');
  }
  function call() {
    var a = arguments;
    if (a[0] === 'consent') { granted = a[1] !== 'revoke'; if (granted) fbp(); return; }
    if (a[0] === 'init') { pixels.push(String(a[1])); fbp(); return; }
    if (a[0] === 'track' && granted) pixels.forEach(function (id) {
      new Image().src = 'https://www.facebook.com/tr/?id=' + encodeURIComponent(id) + '&ev=' + encodeURIComponent(a[1]);
    });
  }
  f.callMethod = call; f.loaded = true;
  var q = f.queue || []; f.queue = [];
  for (var i = 0; i < q.length; i++) call.apply(null, q[i]);
})();`

export interface Tracked {
  ctx: BrowserContext
  log: Logged[]
  /** Tracker requests (all kinds except local), optionally since index `from`. */
  trackers(from?: number): Logged[]
  kinds(from?: number): Kind[]
  /** Non-local, non-tracker requests (all aborted). */
  others(): Logged[]
  local(pathPart: string): Logged[]
  pageErrors: { page: string; error: string }[]
  console: string[]
  newPage(): Promise<Page>
  close(): Promise<void>
}

export async function tracked(
  browser: Browser,
  server: Server,
  opts: { viewport?: { width: number; height: number }; gpc?: boolean; locale?: string; motion?: boolean } = {}
): Promise<Tracked> {
  const ctx = await browser.newContext({
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    locale: opts.locale ?? 'en-US',
    // Reduced motion unless a test is about motion: nothing waits for an animation.
    reducedMotion: opts.motion ? 'no-preference' : 'reduce'
  })
  const log: Logged[] = []
  const pageErrors: { page: string; error: string }[] = []
  const consoleLines: string[] = []
  const t0 = Date.now()
  if (opts.gpc) {
    await ctx.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true })
    })
  }
  // Collect CSP violations and layout shifts from the very start of every document.
  await ctx.addInitScript(() => {
    const w = window as any
    w.__csp = []
    const onCsp = (e: SecurityPolicyViolationEvent) =>
      w.__csp.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile, line: e.lineNumber })
    document.addEventListener('securitypolicyviolation', onCsp as EventListener, true)
    w.__cls = 0
    w.__shifts = []
    try {
      new PerformanceObserver((list) => {
        for (const en of list.getEntries() as any[]) {
          if (!en.hadRecentInput) {
            w.__cls += en.value
            w.__shifts.push({ value: en.value, sources: (en.sources || []).map((s: any) => s.node && (s.node.id || s.node.nodeName)) })
          }
        }
      }).observe({ type: 'layout-shift', buffered: true })
    } catch {}
  })
  await ctx.route('**/*', async (route, req: Request) => {
    let u: URL
    try {
      u = new URL(req.url())
    } catch {
      return route.continue()
    }
    if (u.protocol === 'data:' || u.protocol === 'blob:') return route.continue()
    const kind = classify(u, server.port, server.httpsPort)
    let from = ''
    try {
      from = req.frame().page().url()
    } catch {}
    log.push({ kind, url: req.url(), time: Date.now() - t0, from })
    switch (kind) {
      case 'local':
        return route.continue()
      case 'gtag':
        return route.fulfill({ status: 200, contentType: 'text/javascript', body: u.pathname == '/gtm.js' ? GTM_STUB : GTAG_STUB })
      case 'fbevents':
        return route.fulfill({ status: 200, contentType: 'text/javascript', body: FBEVENTS_STUB })
      case 'ga-collect':
        return route.fulfill({ status: 204, body: '' })
      case 'fb-tr':
      case 'affiliate':
        return route.fulfill({ status: 200, contentType: 'image/gif', body: GIF })
      default:
        return route.abort('blockedbyclient')
    }
  })
  const watch = (p: Page) => {
    const mine: string[] = []
    pageLogs.set(p, mine)
    p.on('pageerror', (e) => {
      pageErrors.push({ page: p.url(), error: String(e?.stack || e) })
      mine.push(`[pageerror] ${e}`)
    })
    p.on('console', (m) => {
      consoleLines.push(`[${m.type()}] ${m.text()}`)
      mine.push(`[${m.type()}] ${m.text()}`)
    })
  }
  ctx.on('page', watch)
  return {
    ctx,
    log,
    pageErrors,
    console: consoleLines,
    trackers: (from = 0) => log.slice(from).filter((l) => TRACKER_KINDS.includes(l.kind)),
    kinds: (from = 0) => [...new Set(log.slice(from).filter((l) => TRACKER_KINDS.includes(l.kind)).map((l) => l.kind))],
    others: () => log.filter((l) => l.kind === 'other'),
    local: (part) => log.filter((l) => l.kind === 'local' && l.url.includes(part)),
    newPage: () => ctx.newPage(),
    close: () => ctx.close()
  }
}

// ---------------------------------------------------------------------------
// Test pages
// ---------------------------------------------------------------------------

/** Google's published gtag.js snippet, marked for nanoconsent. */
export const GTAG_SNIPPET_MARKED = (id = 'G-TEST123') => `<!-- Google tag (gtag.js) -->
<script type="text/plain" data-category="analytics" async data-src="https://www.googletagmanager.com/gtag/js?id=${id}"></script>
<script type="text/plain" data-category="analytics">
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date());

  gtag('config', '${id}');
</script>`

/** Meta's published base pixel code, marked for nanoconsent. */
export const META_SNIPPET_MARKED = (id = '1234567890') => `<!-- Meta Pixel Code -->
<script type="text/plain" data-category="advertising">
!function(f,b,e,v,n,t,s)
{if(f.fbq)return;n=f.fbq=function(){n.callMethod?
n.callMethod.apply(n,arguments):n.queue.push(arguments)};
if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';
n.queue=[];t=b.createElement(e);t.async=!0;
t.src=v;s=b.getElementsByTagName(e)[0];
s.parentNode.insertBefore(t,s)}(window, document,'script',
'https://connect.facebook.net/en_US/fbevents.js');
fbq('init', '${id}');
fbq('track', 'PageView');
</script>
<noscript><img height="1" width="1" style="display:none"
src="https://www.facebook.com/tr?id=${id}&ev=PageView&noscript=1"
/></noscript>
<!-- End Meta Pixel Code -->`

export const AFFILIATE_IMG_MARKED = `<img data-category="affiliate" data-src="https://aff.example/pixel.gif?campaign=spring" width="1" height="1" alt="">`

export interface PageOpts {
  lang?: string
  title?: string
  /** Attributes on the loader tag (without src). */
  loader?: Record<string, string | number>
  /** JSON config block placed before the loader. */
  config?: unknown
  head?: string
  body?: string
  /** Nonce for the JSON block / helper tags (CSP page). */
  nonce?: string
  /**
   * List no categories, so the page derives them from its integrations and marked tags.
   * Otherwise a page lists the seed sites' five (`data-categories`) unless its config lists some.
   */
  derive?: boolean
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

/** A plain, accessible content page with the loader in <head>. */
export function html(o: PageOpts = {}): string {
  const lists = o.derive || Object(o.config).categories !== undefined || 'data-categories' in (o.loader ?? {})
  const loader = lists ? o.loader : { 'data-categories': 'preferences,analytics,advertising,affiliate', ...o.loader }
  const attrs = Object.entries(loader ?? {})
    .map(([k, v]) => ` ${k}="${esc(String(v))}"`)
    .join('')
  const nonce = o.nonce ? ` nonce="${o.nonce}"` : ''
  const cfg = o.config
    ? `<script type="application/json" id="nanoconsent-config"${nonce}>${JSON.stringify(o.config)}</script>\n`
    : ''
  return `<!doctype html>
<html lang="${o.lang ?? 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title ?? 'Test shop'}</title>
${cfg}<script src="/dist/nanoconsent.js"${attrs}></script>
${o.head ?? ''}
</head>
<body>
<header><nav aria-label="Site"><a href="/">Home</a> <a href="#" data-nanoconsent="open-preferences">Cookie settings</a></nav></header>
<main>
<h1>${o.title ?? 'Test shop'}</h1>
<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit. Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.</p>
<p>Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.</p>
${o.body ?? ''}
</main>
<footer><p>Footer text.</p></footer>
</body>
</html>`
}

/** The one-tag form: data-ga4 + data-meta-pixel, affiliate through the JSON block. */
export function oneTagPage(o: PageOpts & { revision?: number } = {}): string {
  return html({
    ...o,
    config: o.config ?? {
      integrations: { affiliate: { pixels: ['https://aff.example/px.gif?click={click}'] } },
      recordUrl: '/consent-log'
    },
    loader: {
      'data-ga4': 'G-TEST123',
      'data-meta-pixel': '1234567890',
      'data-policy-url': '/privacy',
      'data-revision': o.revision ?? 2,
      'data-locale': 'auto',
      ...o.loader
    }
  })
}

/** The pasted-snippets form: vendor snippets marked, no data-ga4/data-meta-pixel. */
export function snippetPage(o: PageOpts & { revision?: number } = {}): string {
  return html({
    ...o,
    loader: { 'data-policy-url': '/privacy', 'data-revision': o.revision ?? 2, ...o.loader },
    head: GTAG_SNIPPET_MARKED() + '\n' + META_SNIPPET_MARKED() + (o.head ?? ''),
    body: AFFILIATE_IMG_MARKED + (o.body ?? '')
  })
}

// ---------------------------------------------------------------------------
// Page helpers
// ---------------------------------------------------------------------------

export const idle = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The SDK's global, typed loosely for page.evaluate. */
export const api = {
  get: (p: Page) => p.evaluate(() => (window as any).nanoconsent.get()),
  record: (p: Page) => p.evaluate(() => (window as any).nanoconsent.record())
}

export async function waitForApi(p: Page) {
  await p.waitForFunction(() => !!(window as any).nanoconsent, null, { timeout: 5000 })
}

export function bannerButton(p: Page, name: string) {
  return p.locator('#nanoconsent-root').getByRole('button', { name, exact: true })
}

/** The banner is "shown" when its three first-layer buttons are visible. */
export async function expectBanner(p: Page, timeout = 5000) {
  try {
    await bannerButton(p, 'Accept all').first().waitFor({ state: 'visible', timeout })
    await bannerButton(p, 'Reject all').first().waitFor({ state: 'visible', timeout })
    await bannerButton(p, 'Customize').first().waitFor({ state: 'visible', timeout })
  } catch (e) {
    const info = await p
      .evaluate(() => {
        const r = document.getElementById('nanoconsent-root')
        const w = window as any
        return {
          url: location.href,
          root: r ? (r.shadowRoot ? r.shadowRoot.innerHTML.replace(/<style[^]*?<\/style>/g, '').slice(0, 400) : r.innerHTML.slice(0, 400)) : null,
          state: w.nanoconsent ? w.nanoconsent.get() : 'window.nanoconsent missing',
          cookie: document.cookie
        }
      })
      .catch((x) => String(x))
    throw new Error(`banner not shown: ${(e as Error).message.split('\n')[0]}\n${JSON.stringify(info, null, 1)}\nconsole:\n${(pageLogs.get(p) ?? []).join('\n')}`)
  }
}

export async function consentCookie(ctx: BrowserContext) {
  return (await ctx.cookies()).find((c) => c.name === 'nanoconsent')
}

/** Deepest active element (through open shadow roots), described. */
export function deepActive(p: Page) {
  return p.evaluate(() => {
    let a: Element | null = document.activeElement
    while (a && (a as HTMLElement).shadowRoot && (a as HTMLElement).shadowRoot!.activeElement)
      a = (a as HTMLElement).shadowRoot!.activeElement
    if (!a) return null
    return {
      tag: a.tagName.toLowerCase(),
      text: (a.textContent || '').trim().slice(0, 60),
      label: a.getAttribute('aria-label'),
      nc: a.getAttribute('data-nanoconsent'),
      inRoot: !!document.getElementById('nanoconsent-root')?.contains(a) || a.getRootNode() !== document
    }
  })
}

/** Flatten an i18next resource file into `a.b.c` -> string. */
export function flatLocale(lang: string): Record<string, string> {
  const file = join(DIST, 'locales', `${lang}.json`)
  const out: Record<string, string> = {}
  if (!existsSync(file)) return out
  const walk = (o: any, pre: string) => {
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'string') out[pre + k] = v
      else if (v && typeof v === 'object') walk(v, pre + k + '.')
    }
  }
  walk(JSON.parse(readFileSync(file, 'utf8')), '')
  return out
}

/** Translate an English UI string into `lang` through the locale files (same key). */
export function tr(lang: string, en: string): string {
  const E = flatLocale('en')
  const L = flatLocale(lang)
  const keys = Object.keys(E).filter((k) => E[k] === en)
  for (const k of keys) if (L[k]) return L[k]
  throw new Error(`no ${lang} translation found for "${en}" (keys with that English text: ${keys.join(', ') || 'none'})`)
}

export function fmtLog(l: Logged[]) {
  return l.map((x) => `${x.time}ms ${x.kind} ${x.url}`).join('\n')
}

// ---------------------------------------------------------------------------
// Assertions shared by the test files
// ---------------------------------------------------------------------------

/** Wait until every listed tracker kind has been requested (since log index `from`). */
export async function waitKinds(t: Tracked, kinds: Kind[], from = 0, timeout = 5000) {
  const end = Date.now() + timeout
  while (Date.now() < end) {
    const got = t.kinds(from)
    if (kinds.every((k) => got.includes(k))) return
    await idle(50)
  }
  throw new Error(`expected tracker requests ${kinds.join(', ')}; got:\n${fmtLog(t.trackers(from)) || '(none)'}`)
}

export function catName(id: string, lang = 'en') {
  return flatLocale(lang)[`categories.${id}.name`] ?? id
}

/** A category toggle in the modal: role=switch, or a checkbox. */
export function toggle(scope: import('playwright-core').Locator, name: string) {
  return scope.getByRole('switch', { name }).or(scope.getByRole('checkbox', { name })).first()
}

export function expectNoTrackers(t: Tracked, from = 0, what = '') {
  const tr = t.trackers(from)
  expect(tr, `tracker requests ${what}:\n${fmtLog(tr)}`).toEqual([])
  const other = t.others()
  expect(other, `requests to unexpected hosts:\n${fmtLog(other)}`).toEqual([])
}

export function expectNoPageErrors(t: Tracked) {
  expect(t.pageErrors, t.pageErrors.map((e) => e.error).join('\n')).toEqual([])
}


/**
 * The lifecycle every browser test file shares: one server and one Chromium
 * per file, a fresh tracked context per test, closed after it. A missing
 * Chromium fails every test (with the install hint), never skips them.
 */
export function useSuite() {
  let browser: Browser | undefined
  let server: Server | undefined
  let launchError: unknown
  let open: Tracked[] = []
  beforeAll(async () => {
    server = await startServer()
    browser = await launch().catch((e) => {
      launchError = e
      return undefined
    })
  })
  beforeEach(() => {
    if (launchError) throw launchError
  })
  afterEach(async () => {
    await Promise.all(open.map((t) => t.close().catch(() => {})))
    open = []
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })
  return {
    get browser() {
      return browser!
    },
    get server() {
      return server!
    },
    /** A fresh context whose requests are tracked; closed after the test. */
    async ctx(opts?: Parameters<typeof tracked>[2]) {
      const t = await tracked(browser!, server!, opts)
      open.push(t)
      return t
    }
  }
}
