import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { closePage, cookieFor, expectPageReports, network, preparePage, reflectNonce, settle, start, storeConsent } from './harness'

beforeEach(() => {
  preparePage()
  // Iframes load (an empty page from the fake network) rather than have
  // happy-dom print a stack trace for each iframe it refuses to load.
  ;(window as unknown as { happyDOM: { settings: { enableIframePageLoading: boolean } } }).happyDOM.settings.enableIframePageLoading = true
})
afterEach(closePage)
reflectNonce()

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
    // Slow enough that it is still loading when the queued one is removed, even on a busy machine.
    serve('https://cdn.example/slow.js', 'slow', 600)
    document.body.innerHTML = external('analytics', 'https://cdn.example/slow.js', ' async') + inline('analytics', 'gone', ' id="gone"') + inline('analytics', 'after')
    const { api } = await start()
    api.set({ analytics: true })
    await settle()
    document.getElementById('gone')?.remove()
    await until(() => log().length == 2)
    expect(log()).toEqual(['slow', 'after'])
  })
})

describe('srcset URLs', () => {
  it('are split as the browser splits them: commas inside a URL kept, trailing commas ending a candidate, descriptors skipped', async () => {
    const { srcsetUrls } = await import('../../../src/core/tag-trust')
    expect(srcsetUrls('a.jpg 1x, b.jpg 2x')).toEqual(['a.jpg', 'b.jpg'])
    expect(srcsetUrls('https://cdn.example/x.jpg?w=100,h=100 100w,y.jpg 200w')).toEqual(['https://cdn.example/x.jpg?w=100,h=100', 'y.jpg'])
    // A URL runs to whitespace, commas and all; only its trailing commas end the candidate.
    expect(srcsetUrls('a.jpg,, b.jpg,')).toEqual(['a.jpg', 'b.jpg'])
    expect(srcsetUrls('a.jpg,,b.jpg')).toEqual(['a.jpg,,b.jpg'])
    expect(srcsetUrls('  ,, ')).toEqual([])
    // A comma inside parentheses does not end the descriptors; the one after them does.
    expect(srcsetUrls('a.jpg 1x (, javascript:x) , b.jpg')).toEqual(['a.jpg', 'b.jpg'])
    expect(srcsetUrls('good (,x),javascript:evil')).toEqual(['good', 'javascript:evil'])
    expect(srcsetUrls('a.jpg 1x (ab, javascript:x), b.jpg')).toEqual(['a.jpg', 'b.jpg'])
    // An unclosed parenthesis runs to the end: what follows it is descriptors, as for the browser.
    expect(srcsetUrls('a.jpg 1x (x, javascript:y')).toEqual(['a.jpg'])
  })

  it('every one must be http(s): one data: candidate refuses the whole tag, named', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    document.body.innerHTML =
      '<img id="ok" alt="" data-category="analytics" data-srcset="/a.gif 1x, https://img.example/b.gif 2x">' +
      '<img id="bad" alt="" data-category="analytics" data-srcset="/a.gif 1x, data:image/gif;base64,R0lGOD 2x">' +
      '<picture><source id="src-bad" data-srcset="javascript:alert(1)"><img id="pic" alt="" data-category="analytics" data-src="/p.gif"></picture>'
    const { api } = await start()
    api.set({ analytics: true })
    await settle()
    const attr = (id: string, name: string) => document.getElementById(id)!.getAttribute(name)
    expect(attr('ok', 'srcset')).toBe('/a.gif 1x, https://img.example/b.gif 2x')
    expect([attr('bad', 'srcset'), attr('src-bad', 'srcset')]).toEqual([null, null])
    // The picture's image does not depend on a refused source.
    expect(attr('pic', 'src')).toBe('http://localhost:3000/p.gif')
    const refused = errors.mock.calls.filter((c) => String(c[0]).includes('refused to activate'))
    expect(refused.map((c) => [String(c[0]).match(/<\w+>/)![0], (c[1] as Element).id])).toEqual([
      ['<img>', 'bad'],
      ['<source>', 'src-bad']
    ])
  })
})

describe('fallbacks and embeds follow the state both ways', () => {
  const noReload = [{ reloadOnRevoke: false }]

  it('any element with a !category rule is hidden while the category is granted, and shown again after a withdrawal', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    document.body.innerHTML =
      '<p id="fb" data-category="!advertising">Accept advertising to watch</p>' +
      '<div id="owners" hidden data-category="!advertising">The owner hid this one</div>' +
      '<p id="typo" data-category="!advertisng">A rule naming no category</p>'
    const { api } = await start(noReload)
    await settle()
    const hidden = () => ['fb', 'owners', 'typo'].map((id) => document.getElementById(id)!.hidden)
    expect(hidden()).toEqual([false, true, false])
    api.set({ advertising: true })
    await settle()
    expect(hidden()).toEqual([true, true, false])
    api.set({ advertising: false })
    await settle()
    // Only what the gate hid comes back; a rule naming no category is never touched.
    expect(hidden()).toEqual([false, true, false])
  })

  it('a fallback’s data-src is activated once, while it shows', async () => {
    document.body.innerHTML = '<img id="fb" alt="" data-category="!advertising" data-src="/placeholder.png">'
    const { api } = await start(noReload)
    await settle()
    const img = document.getElementById('fb')!
    expect(img.getAttribute('src')).toBe('http://localhost:3000/placeholder.png')
    api.set({ advertising: true })
    await settle()
    expect([img.hidden, img.getAttribute('src')]).toEqual([true, 'http://localhost:3000/placeholder.png'])
  })

  it('an iframe is loaded on a grant, unloaded on a withdrawal (data-src kept), and loaded again', async () => {
    const error = vi.spyOn(console, 'error')
    document.body.innerHTML = '<iframe id="f" data-category="advertising" data-src="https://embed.example/v"></iframe><p data-category="!advertising">fallback</p>'
    const { api } = await start(noReload)
    const f = document.getElementById('f')!
    const seen = () => [f.getAttribute('src'), f.hidden]
    await settle()
    expect(seen()).toEqual([null, true])
    api.set({ advertising: true })
    await settle()
    expect(seen()).toEqual(['https://embed.example/v', false])
    api.set({ advertising: false })
    await settle()
    expect(seen()).toEqual([null, true])
    expect(f.dataset.src).toBe('https://embed.example/v')
    api.set({ advertising: true })
    await settle()
    expect(seen()).toEqual(['https://embed.example/v', false])
    expect(error).not.toHaveBeenCalled()
  })
})

describe('the placeholder box of a gated iframe', () => {
  const boxes = () => Array.from(document.querySelectorAll<HTMLElement>('[data-nanoconsent="placeholder"]'))

  it('stands just before an iframe with no fallback of its own, its size from the attributes, until the grant', async () => {
    document.body.innerHTML =
      '<iframe id="px" width="560" height="315" data-category="advertising" data-src="https://embed.example/a"></iframe>' +
      '<iframe id="pc" width="100%" height="50%" data-category="advertising" data-src="https://embed.example/b"></iframe>'
    const { api } = await start([{ reloadOnRevoke: false }])
    await settle()
    const [a, b] = boxes()
    expect(a!.nextElementSibling!.id).toBe('px')
    expect([a!.style.width, a!.style.height, b!.style.width, b!.style.height]).toEqual(['560px', '315px', '100%', '50%'])
    expect(boxes().map((x) => x.style.display)).toEqual(['inline-block', 'inline-block'])
    api.set({ advertising: true })
    await settle()
    expect(boxes().map((x) => x.style.display)).toEqual(['none', 'none'])
    api.set({ advertising: false })
    await settle()
    expect(boxes().map((x) => x.style.display)).toEqual(['inline-block', 'inline-block'])
  })

  it('is not made for an iframe with an adjacent !category fallback, nor with data-placeholder="none", nor for a URL that is refused', async () => {
    document.body.innerHTML =
      '<p data-category="!advertising">before</p><iframe id="before" data-category="advertising" data-src="https://embed.example/a"></iframe>' +
      '<div><iframe id="after" data-category="advertising" data-src="https://embed.example/b"></iframe><p data-category="!advertising">after</p></div>' +
      '<div><iframe id="none" data-placeholder="none" data-category="advertising" data-src="https://embed.example/c"></iframe></div>' +
      '<div><iframe id="js" data-category="advertising" data-src="javascript:alert(1)"></iframe></div>' +
      // A fallback for another category is not this iframe's own.
      '<div><p data-category="!analytics">other</p><iframe id="other" data-category="advertising" data-src="https://embed.example/d"></iframe></div>'
    await start()
    await settle()
    expect(boxes().map((b) => b.nextElementSibling!.id)).toEqual(['other'])
    // "none" leaves the iframe as the owner made it; the others are hidden while they wait.
    expect(['before', 'after', 'none', 'js', 'other'].map((id) => document.getElementById(id)!.hidden)).toEqual([true, true, false, true, true])
  })

  it('goes when its iframe is removed from the page', async () => {
    document.body.innerHTML = '<div id="app"><iframe id="f" data-category="advertising" data-src="https://embed.example/a"></iframe></div>'
    await start()
    await settle()
    expect(boxes()).toHaveLength(1)
    document.getElementById('f')!.remove()
    await settle()
    expect(boxes()).toHaveLength(0)
  })
})
