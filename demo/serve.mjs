// Serves the demo site (demo/) and the built SDK (dist/) on 127.0.0.1.
//   npm run demo            -> http://127.0.0.1:8080/ (or a free port if 8080 is taken)
//   PORT=3000 npm run demo
// The page is rendered per language (?lang=en|ar|fr) on the server, as a real
// site would, so nothing inline has to run before consent. Every response
// carries a strict nonce-based CSP, to show the SDK works under one.
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import http from 'node:http'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { LANGS, content } from './content.mjs'

const HERE = fileURLToPath(new URL('.', import.meta.url))
const ROOT = resolve(HERE, '..')
const DIST = join(ROOT, 'dist')

const TYPES = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.html': 'text/html; charset=utf-8'
}

const inside = (base, rel) => {
  const p = normalize(join(base, rel))
  return p.startsWith(base + sep) ? p : null
}

const escape = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** `{{key}}` from the language's strings, `{{{key}}}` unescaped (trusted markup). */
function render(template, vars) {
  return template
    .replace(/\{\{\{\s*([\w.]+)\s*\}\}\}/g, (_, k) => String(vars[k] ?? ''))
    .replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, k) => {
      if (!(k in vars)) throw new Error(`demo template: missing string "${k}"`)
      return escape(vars[k])
    })
}

function page(name, lang, nonce, query) {
  const c = content[lang]
  const vars = { ...c, lang, dir: lang === 'ar' ? 'rtl' : 'ltr', nonce, ...langLinks(lang, query) }
  return render(readFileSync(join(HERE, name), 'utf8'), vars)
}

/** The language switch keeps the other query parameters (e.g. aff_id). */
function langLinks(current, query) {
  const out = {}
  for (const l of LANGS) {
    const q = new URLSearchParams(query)
    q.set('lang', l)
    out[`href_${l}`] = `?${q}`
    out[`current_${l}`] = l === current ? 'page' : 'false'
  }
  return out
}

export function createServer({ log = console.log } = {}) {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://demo')
    const path = decodeURIComponent(url.pathname)
    res.setHeader('x-content-type-options', 'nosniff')
    res.setHeader('referrer-policy', 'strict-origin-when-cross-origin')
    res.setHeader('cache-control', 'no-store')

    if (req.method === 'POST' && path === '/consent-log') {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        log(`consent record received: ${body}`)
        res.statusCode = 204
        res.end()
      })
      return
    }

    if (path === '/' || path === '/index.html' || path === '/privacy') {
      const lang = LANGS.includes(url.searchParams.get('lang')) ? url.searchParams.get('lang') : 'en'
      const nonce = randomBytes(16).toString('base64')
      res.setHeader('content-type', 'text/html; charset=utf-8')
      res.setHeader(
        'content-security-policy',
        `script-src 'nonce-${nonce}' 'strict-dynamic'; style-src 'self' 'nonce-${nonce}'; worker-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'`
      )
      res.end(page(path === '/privacy' ? 'privacy.html' : 'index.html', lang, nonce, url.searchParams))
      return
    }

    let file = null
    if (path === '/sw.js') {
      file = join(HERE, 'sw.js')
      res.setHeader('service-worker-allowed', '/')
    } else if (path.startsWith('/dist/')) file = inside(DIST, path.slice(6))
    else if (path.startsWith('/assets/')) file = inside(join(HERE, 'assets'), path.slice(8))
    else if (path === '/favicon.ico') file = join(HERE, 'assets', 'favicon.svg')

    if (file && existsSync(file) && statSync(file).isFile()) {
      res.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream')
      res.end(readFileSync(file))
      return
    }
    if (path.startsWith('/dist/') && !existsSync(DIST)) {
      res.statusCode = 500
      res.setHeader('content-type', 'text/plain')
      res.end('dist/ is missing: run `npm run build` (or `npm run demo`, which builds first).')
      return
    }
    res.statusCode = 404
    res.setHeader('content-type', 'text/plain')
    res.end('Not found')
  })
}

/** Listens on `port` (default PORT or 8080); if it is taken, on a free port. */
export async function start(port = Number(process.env.PORT) || 8080, opts) {
  const server = createServer(opts)
  const listen = (p) =>
    new Promise((ok, fail) => {
      server.once('error', fail)
      server.listen(p, '127.0.0.1', () => {
        server.off('error', fail)
        ok()
      })
    })
  try {
    await listen(port)
  } catch (e) {
    if (e.code !== 'EADDRINUSE' && e.code !== 'EACCES') throw e
    await listen(0)
  }
  const { port: actual } = server.address()
  return { server, url: `http://127.0.0.1:${actual}/` }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!existsSync(join(DIST, 'nanoconsent.js'))) console.warn('warning: dist/nanoconsent.js is missing; run `npm run build` first.')
  const { url } = await start()
  console.log(`nanoconsent demo: ${url}`)
  console.log(`  Arabic: ${url}?lang=ar   French: ${url}?lang=fr   Partner link: ${url}?aff_id=PARTNER-42`)
  console.log('  Ctrl+C to stop.')
}
