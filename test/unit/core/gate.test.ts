import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { closePage, cookieFor, expectPageReports, network, preparePage, settle, start, storeConsent } from './harness'

beforeEach(() => {
  preparePage()
  // Iframes load (an empty page from the fake network) rather than have
  // happy-dom print a stack trace for each iframe it refuses to load.
  ;(window as unknown as { happyDOM: { settings: { enableIframePageLoading: boolean } } }).happyDOM.settings.enableIframePageLoading = true
})
afterEach(closePage)
// happy-dom has no `nonce` property; browsers reflect the attribute into it (then hide the attribute).
Object.defineProperty(HTMLElement.prototype, 'nonce', {
  configurable: true,
  get(this: HTMLElement) {
    return this.getAttribute('nonce') || ''
  },
  set(this: HTMLElement, value: string) {
    this.setAttribute('nonce', value)
  }
})

const log = () => (window as unknown as { log: string[] }).log
const inline = (category: string, text: string, attrs = '') => `<script type="text/plain" data-category="${category}"${attrs}>window.log.push(${JSON.stringify(text)})</script>`
const external = (category: string, url: string, attrs = '') => `<script type="text/plain" data-category="${category}" data-src="${url}"${attrs}></script>`
const serve = (url: string, text: string, delay = 0) => {
  network.files[url] = `window.log.push(${JSON.stringify(text)})`
  network.delay[url] = delay
}
const until = async (done: () => boolean) => {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 10))
}

describe('gating of marked tags', () => {
  it('an inline script runs only once its category is granted', async () => {
    document.body.innerHTML = inline('analytics', 'analytics') + inline('advertising', 'advertising')
    const { api } = await start()
    await settle()
    expect(log()).toEqual([])
    api.set({ preferences: true })
    await settle()
    expect(log()).toEqual([])
    api.set({ analytics: true })
    await settle()
    expect(log()).toEqual(['analytics'])
  })

  it('a returning visitor’s granted tags run at start, the others do not', async () => {
    document.body.innerHTML = inline('analytics', 'analytics') + inline('advertising', 'advertising')
    storeConsent(await cookieFor([{}], { categories: { analytics: true } }))
    await start()
    await settle()
    expect(log()).toEqual(['analytics'])
  })

  it('inline and external scripts run in document order; an external one finishes before the next runs', async () => {
    serve('https://cdn.example/a.js', 'A')
    // `async` on the tag: the browser (and happy-dom) would run it whenever it
    // arrives, 80 ms later; only the gate's queue keeps "3" after it.
    serve('https://cdn.example/b.js', 'B', 80)
    document.body.innerHTML =
      inline('analytics', '1') +
      external('analytics', 'https://cdn.example/a.js') +
      inline('analytics', '2') +
      external('analytics', 'https://cdn.example/b.js', ' async') +
      inline('analytics', '3')
    const { api } = await start()
    api.set({ analytics: true })
    await until(() => log().length == 5)
    expect(log()).toEqual(['1', 'A', '2', 'B', '3'])
  })

  it('a script that fails to load does not stall the ones after it', async () => {
    document.body.innerHTML = external('analytics', 'https://cdn.example/missing.js', ' async') + inline('analytics', 'after')
    // No network at all for that URL.
    ;(window as unknown as { happyDOM: { settings: { fetch: { interceptor: { beforeAsyncRequest: unknown } } } } }).happyDOM.settings.fetch.interceptor.beforeAsyncRequest =
      async () => Promise.reject(new TypeError('network down'))
    const { api } = await start()
    api.set({ analytics: true })
    await until(() => log().length == 1)
    expect(log()).toEqual(['after'])
    // The browser's own report of the failed download; nanoconsent adds none.
    expectPageReports([/TypeError: network down/])
  })

  it('the activated script keeps the tag’s attributes (id, class, data-*), loses type and data-src', async () => {
    serve('https://cdn.example/a.js', 'A')
    document.body.innerHTML = external('analytics', 'https://cdn.example/a.js', ' id="tracker" class="t1 t2" data-foo="bar"')
    const { api } = await start()
    api.set({ analytics: true })
    await settle()
    const script = document.getElementById('tracker') as HTMLScriptElement
    expect(script.getAttribute('src')).toBe('https://cdn.example/a.js')
    expect(script.className).toBe('t1 t2')
    expect(script.dataset.foo).toBe('bar')
    expect(script.dataset.category).toBe('analytics')
    expect(script.hasAttribute('type')).toBe(false)
    expect(script.hasAttribute('data-src')).toBe(false)
    expect(log()).toEqual(['A'])
  })

  it('data-type="module" becomes type="module"', async () => {
    document.body.innerHTML = inline('analytics', 'module ran', ' id="m" data-type="module"')
    const { api } = await start()
    api.set({ analytics: true })
    await until(() => log().length == 1)
    const script = document.getElementById('m') as HTMLScriptElement
    expect(script.type).toBe('module')
    expect(script.hasAttribute('data-type')).toBe(false)
    expect(log()).toEqual(['module ran'])
  })

  it('a tag added later is gated: it does not run before the grant, and runs after it', async () => {
    const { api } = await start()
    await settle()
    document.body.insertAdjacentHTML('beforeend', inline('analytics', 'late'))
    await settle()
    expect(log()).toEqual([])
    api.acceptAll()
    await settle()
    expect(log()).toEqual(['late'])
  })

  it('a tag added after the grant runs as soon as it is added', async () => {
    const { api } = await start()
    api.acceptAll()
    await settle()
    document.body.insertAdjacentHTML('beforeend', inline('analytics', 'late'))
    await settle()
    expect(log()).toEqual(['late'])
  })

  it('each tag is activated once, however often consent is given', async () => {
    document.body.innerHTML = inline('analytics', 'once')
    const { api } = await start([{ reloadOnRevoke: false }])
    api.acceptAll()
    await settle()
    api.acceptAll()
    await settle()
    api.set({ analytics: true, preferences: false })
    await settle()
    expect(log()).toEqual(['once'])
    expect(document.querySelectorAll('script')).toHaveLength(1)
  })

  it('a !analytics fallback runs when analytics is not granted', async () => {
    document.body.innerHTML = inline('!analytics', 'fallback') + inline('analytics', 'analytics')
    await start()
    await settle()
    expect(log()).toEqual(['fallback'])
  })

  it('a !analytics fallback does not run when analytics is granted', async () => {
    document.body.innerHTML = inline('!analytics', 'fallback') + inline('analytics', 'analytics')
    storeConsent(await cookieFor([{}], { categories: { analytics: true } }))
    await start()
    await settle()
    expect(log()).toEqual(['analytics'])
  })

  it('iframes and images get their src from data-src only after the grant', async () => {
    document.body.innerHTML =
      '<iframe id="video" data-category="advertising" data-src="https://www.youtube.com/embed/abc"></iframe>' +
      '<img id="pixel" data-category="affiliate" data-src="https://aff.example/p.gif" alt="">'
    const { api } = await start()
    await settle()
    const src = (id: string) => document.getElementById(id)!.getAttribute('src')
    expect([src('video'), src('pixel')]).toEqual([null, null])
    api.set({ advertising: true })
    await settle()
    expect([src('video'), src('pixel')]).toEqual(['https://www.youtube.com/embed/abc', null])
    api.set({ affiliate: true })
    await settle()
    expect(src('pixel')).toBe('https://aff.example/p.gif')
  })

  it('the page’s nonce is copied to activated scripts and to injected vendor scripts', async () => {
    serve('https://cdn.example/a.js', 'A')
    document.body.innerHTML = inline('analytics', 'inline', ' id="i" nonce="n0nce"') + external('analytics', 'https://cdn.example/a.js', ' id="e" nonce="n0nce"')
    const { api } = await start([{ integrations: { ga4: { id: 'G-ABC123' } } }], 'n0nce')
    api.set({ analytics: true })
    await settle()
    const nonce = (el: Element | null) => (el as HTMLScriptElement).nonce || el!.getAttribute('nonce')
    expect(nonce(document.getElementById('i'))).toBe('n0nce')
    expect(nonce(document.getElementById('e'))).toBe('n0nce')
    expect(nonce(document.querySelector('script[src*="googletagmanager"]'))).toBe('n0nce')
    expect(log()).toEqual(['inline', 'A'])
  })

  // A page without a CSP nonce has no signature to check, but still never
  // turns a non-http(s) URL or an unknown category into an active tag.
  it('without a nonce: javascript:, data:, blob: and vbscript: data-src values are refused and named', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    document.body.innerHTML =
      '<iframe id="js" data-category="analytics" data-src="javascript:window.log.push(1)"></iframe>' +
      '<iframe id="data" data-category="analytics" data-src="data:text/html,x"></iframe>' +
      '<img id="blob" data-category="analytics" data-src="blob:http://localhost:3000/x" alt="">' +
      '<img id="vb" data-category="analytics" data-src=" vbscript:msgbox" alt="">' +
      external('analytics', 'data:text/javascript,window.log.push("data")', ' id="ds"') +
      '<img id="ok" data-category="analytics" data-src="/p.gif" alt="">'
    const { api } = await start()
    api.set({ analytics: true })
    await settle()
    for (const id of ['js', 'data', 'blob', 'vb']) expect(document.getElementById(id)!.getAttribute('src'), id).toBeNull()
    expect(document.getElementById('ds')!.getAttribute('type')).toBe('text/plain')
    expect(document.getElementById('ok')!.getAttribute('src')).toBe('http://localhost:3000/p.gif')
    expect(log()).toEqual([])
    const refused = errors.mock.calls.filter((c) => String(c[0]).includes('refused to activate'))
    expect(refused.map((c) => (c[1] as Element).id).sort()).toEqual(['blob', 'data', 'ds', 'js', 'vb'])
  })

  it('a rule must name a category of the config: constructor, __proto__, toString, decided and unknown names never run, and warn once each', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'decided', '!nope', 'nope']
    document.body.innerHTML = names.map((n) => inline(n, n) + inline(n, n)).join('')
    const { api } = await start()
    api.acceptAll()
    await settle()
    api.rejectAll()
    await settle()
    expect(log()).toEqual([])
    const warned = warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('is not a category'))
    expect(warned).toHaveLength(names.length)
  })

  it('a nonce on the loader: only marked scripts carrying it run', async () => {
    document.body.innerHTML = inline('analytics', 'signed', ' nonce="n0nce"') + inline('analytics', 'unsigned') + inline('analytics', 'wrong', ' nonce="guess"')
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const { api } = await start([{}], 'n0nce')
    api.set({ analytics: true })
    await settle()
    expect(log()).toEqual(['signed'])
  })

  it('a queued script removed before its turn does not stop the tags after it', async () => {
    // Long enough that "gone" is still queued behind slow.js when it is removed, however
    // slowly a loaded machine gets through settle() (80 ms was not: it ran first under load).
    serve('https://cdn.example/slow.js', 'slow', 1000)
    document.body.innerHTML = external('analytics', 'https://cdn.example/slow.js', ' async') + inline('analytics', 'gone', ' id="gone"') + inline('analytics', 'after')
    const { api } = await start()
    api.set({ analytics: true })
    await settle()
    expect(log(), 'slow.js still loading when "gone" is removed').toEqual([])
    document.getElementById('gone')?.remove()
    for (let i = 0; i < 50 && log().length < 2; i++) await new Promise((r) => setTimeout(r, 100))
    expect(log()).toEqual(['slow', 'after'])
  })
})
