// The bench's static server: gzips every text response, as a production host
// would, and counts the encoded body bytes it sends per path so the bench can
// read "what did this tool transfer" from the server side.
import { createServer } from 'node:http'
import { readFileSync, existsSync, statSync } from 'node:fs'
import { extname, join, normalize } from 'node:path'
import { gzipSync } from 'node:zlib'

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8'
}

/**
 * @param {{ mounts: Record<string, string>, pages: Record<string, string | ((req: import('node:http').IncomingMessage) => { body: string, headers?: Record<string, string> })> }} opts
 *   mounts: URL prefix (e.g. `/vcc/`) -> directory; pages: URL path -> HTML,
 *   or a function of the request giving the HTML and extra headers (a page
 *   that depends on the request's cookies).
 */
export async function startServer({ mounts, pages }) {
  const cache = new Map()
  /** @type {{ path: string, bytes: number }[]} */
  let log = []

  const gz = (key, body) => {
    if (!cache.has(key)) cache.set(key, gzipSync(body, { level: 9 }))
    return cache.get(key)
  }

  const resolve = (path, req) => {
    if (path in pages) {
      const page = pages[path]
      if (typeof page == 'string') return { key: `page:${path}`, body: () => page, type: types['.html'] }
      const { body, headers } = page(req)
      return { key: `page:${path}:${body}`, body: () => body, type: types['.html'], headers }
    }
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (!path.startsWith(prefix)) continue
      const rel = normalize(path.slice(prefix.length)).replace(/^(\.\.(\/|$))+/, '')
      const file = join(dir, rel)
      if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) return null
      return { key: file, body: () => readFileSync(file), type: types[extname(file)] ?? 'application/octet-stream' }
    }
    return null
  }

  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    const hit = resolve(path, req)
    if (!hit) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found')
      return
    }
    const body = gz(hit.key, hit.body())
    log.push({ path, bytes: body.length })
    res.writeHead(200, {
      'Content-Type': hit.type,
      'Content-Encoding': 'gzip',
      'Content-Length': body.length,
      'Cache-Control': 'no-cache',
      ...hit.headers
    })
    res.end(body)
  })
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok))
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address())
  return {
    origin: `http://127.0.0.1:${port}`,
    /** Forget what was sent so far. */
    reset() { log = [] },
    /** Encoded (gzip) body bytes sent for paths starting with `prefix`. */
    bytes(prefix) {
      return log.filter((e) => e.path.startsWith(prefix)).reduce((s, e) => s + e.bytes, 0)
    },
    files(prefix) {
      return log.filter((e) => e.path.startsWith(prefix)).map((e) => e.path)
    },
    close: () => new Promise((ok) => server.close(ok))
  }
}
