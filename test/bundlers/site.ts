// A built fixture as a visitor meets it: a static server for its output and
// a Chromium context that logs every request, console message and page
// error. Only the site itself is reached; the video host is answered with
// an empty page, anything else is refused and logged.
import { existsSync, readFileSync, statSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize } from 'node:path'
import { chromium, type Browser, type BrowserContext } from 'playwright-core'
import { CHROMIUM, CHROMIUM_ARGS } from '../chromium.mjs'

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' }

export interface Site {
  origin: string
  close(): Promise<void>
}

export async function serve(root: string): Promise<Site> {
  const server = http.createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url || '/', 'http://x').pathname))
    const file = join(root, path.endsWith('/') ? 'index.html' : path)
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found')
      return
    }
    res.writeHead(200, { 'content-type': `${TYPES[extname(file)] || 'application/octet-stream'}; charset=utf-8`, 'cache-control': 'no-store' })
    res.end(readFileSync(file))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r())))
  }
}

export const launch = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })

export interface Visitor {
  ctx: BrowserContext
  /** Paths requested from the site, in order. */
  requests: string[]
  /** Requests to any host but the site and the video host (refused). */
  elsewhere: string[]
  /** Console messages as `type: text`. */
  console: string[]
  pageErrors: string[]
}

/** A fresh visitor (cookies and all) of `origin`; the video host answers with an empty page. */
export async function visitor(browser: Browser, origin: string): Promise<Visitor> {
  const ctx = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } })
  const v: Visitor = { ctx, requests: [], elsewhere: [], console: [], pageErrors: [] }
  await ctx.route('**/*', (route, request) => {
    const url = new URL(request.url())
    if (url.origin == origin) {
      v.requests.push(url.pathname)
      return route.continue()
    }
    if (url.hostname == 'www.youtube.com') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>video</title>' })
    v.elsewhere.push(request.url())
    return route.abort('blockedbyclient')
  })
  ctx.on('page', (p) => {
    p.on('console', (m) => v.console.push(`${m.type()}: ${m.text()}`))
    p.on('pageerror', (e) => v.pageErrors.push(String(e)))
  })
  return v
}
