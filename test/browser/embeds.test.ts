/**
 * What owners embed, gated in a real browser: stylesheet links (Google
 * Fonts is the known GDPR case), video, audio, sources and srcset; fallbacks
 * that give way; and the built-in placeholder of a gated iframe, which asks
 * for its one category where the embed would show.
 */
import { describe, expect, test } from 'vitest'
import type { Page, Request } from 'playwright-core'
import { api, bannerButton, catName, consentCookie, deepActive, expectBanner, expectNoPageErrors, flatLocale, html, idle, useSuite, type Tracked } from './harness'

const suite = useSuite()

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')
const CSS = '#styled { color: rgb(1, 2, 3); }'

/** Half a second of silence as an 8 kHz, 8-bit mono WAV: media the browser really loads (metadata and all). */
function wav(): Buffer {
  const samples = 4000
  const b = Buffer.alloc(44 + samples, 128)
  b.write('RIFF', 0)
  b.writeUInt32LE(36 + samples, 4)
  b.write('WAVEfmt ', 8)
  b.writeUInt32LE(16, 16)
  b.writeUInt16LE(1, 20) // PCM
  b.writeUInt16LE(1, 22) // mono
  b.writeUInt32LE(8000, 24)
  b.writeUInt32LE(8000, 28)
  b.writeUInt16LE(1, 32)
  b.writeUInt16LE(8, 34)
  b.write('data', 36)
  b.writeUInt32LE(samples, 40)
  return b
}

/**
 * A context whose embed hosts answer (the harness aborts unknown hosts), and
 * the requests the page made to them, in order.
 */
async function embedsCtx(opts?: Parameters<typeof suite.ctx>[0]): Promise<{ t: Tracked; requests: string[] }> {
  const t = await suite.ctx(opts)
  const requests: string[] = []
  t.ctx.on('request', (r: Request) => {
    if (/\.example\//.test(r.url())) requests.push(r.url())
  })
  await t.ctx.route(/https:\/\/(fonts|media|img|embed)\.example\//, (route) => {
    const { hostname } = new URL(route.request().url())
    if (hostname == 'fonts.example') return route.fulfill({ status: 200, contentType: 'text/css', body: CSS })
    if (hostname == 'embed.example') return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><p id="inside">embedded</p>' })
    if (hostname == 'img.example') return route.fulfill({ status: 200, contentType: 'image/gif', body: GIF })
    return route.fulfill({ status: 200, contentType: 'audio/wav', body: wav() })
  })
  return { t, requests }
}

const HTMLMediaElement_HAVE_METADATA = 1

const from = (requests: string[], host: string) => requests.filter((u) => new URL(u).hostname == host)

/** A returning visitor's page: the choice is made on the first load, then the page reloads without the banner. */
async function returning(p: Page, url: string, choice: 'acceptAll' | 'rejectAll') {
  await p.goto(url)
  await expectBanner(p)
  await p.evaluate((c) => (window as any).nanoconsent[c](), choice)
  await expect.poll(() => api.get(p)).toMatchObject({ decided: true })
  await p.reload()
  await p.waitForFunction(() => !!(window as any).nanoconsent)
}

describe('link, video, audio, source and srcset wait for their category', () => {
  test('a stylesheet link gets its href, and the page its style, only once the category is granted', async () => {
    const { t, requests } = await embedsCtx()
    const p = await t.newPage()
    await p.goto(
      suite.server.page(
        '/embeds/link',
        html({
          config: { reloadOnRevoke: false },
          head: '<link rel="stylesheet" id="font" data-category="preferences" data-href="https://fonts.example/css2?family=Inter">',
          body: '<p id="styled">Styled text</p>'
        })
      )
    )
    await expectBanner(p)
    await idle(300)
    expect(from(requests, 'fonts.example'), 'stylesheet requested before consent').toEqual([])
    expect(await p.$eval('#font', (l) => l.getAttribute('href'))).toBeNull()
    expect(await p.$eval('#styled', (e) => getComputedStyle(e).color)).not.toBe('rgb(1, 2, 3)')

    await p.evaluate(() => (window as any).nanoconsent.set({ preferences: true }))
    await expect.poll(() => p.$eval('#styled', (e) => getComputedStyle(e).color)).toBe('rgb(1, 2, 3)')
    expect(from(requests, 'fonts.example')).toEqual(['https://fonts.example/css2?family=Inter'])
    expectNoPageErrors(t)
  })

  test('under a CSP with a style nonce, a nonced gated link loads; the loader adds its nonce to nothing it did not make', async () => {
    const { t, requests } = await embedsCtx()
    const p = await t.newPage()
    const nonce = 'cspN0nce'
    await p.goto(
      suite.server.page(
        '/embeds/link-csp',
        html({
          loader: { nonce },
          head: `<link rel="stylesheet" id="signed" nonce="${nonce}" data-category="preferences" data-href="https://fonts.example/signed.css">
<link rel="stylesheet" id="unsigned" data-category="preferences" data-href="https://fonts.example/unsigned.css">`,
          body: '<p id="styled">Styled text</p>'
        }),
        { 'content-security-policy': `script-src 'nonce-${nonce}' 'strict-dynamic'; style-src 'nonce-${nonce}'` }
      )
    )
    await expectBanner(p)
    await p.evaluate(() => (window as any).nanoconsent.acceptAll())
    await expect.poll(() => p.$eval('#styled', (e) => getComputedStyle(e).color)).toBe('rgb(1, 2, 3)')
    // The unsigned link got its href but no nonce, so the page's CSP, not nanoconsent, refuses it.
    expect(await p.$eval('#unsigned', (l) => l.getAttribute('href'))).toBe('https://fonts.example/unsigned.css')
    expect(await p.$eval('#unsigned', (l) => (l as HTMLLinkElement).nonce)).toBe('')
    expect(from(requests, 'fonts.example')).toContain('https://fonts.example/signed.css')
    const csp = await p.evaluate(() => (window as any).__csp as { blocked: string }[])
    expect(csp.map((v) => v.blocked)).toEqual(['https://fonts.example/unsigned.css'])
  })

  test('video and audio: no request to the media host before consent; src, sources and srcset after; stopped on withdrawal', async () => {
    const { t, requests } = await embedsCtx()
    const p = await t.newPage()
    await p.goto(
      suite.server.page(
        '/embeds/media',
        html({
          config: { reloadOnRevoke: false },
          body: `<video id="v1" controls data-category="analytics" data-src="https://media.example/direct.wav"></video>
<video id="v2" controls data-category="analytics"><source id="s2" data-src="https://media.example/source.wav" type="audio/wav"></video>
<audio id="a3" controls><source id="s3" data-category="analytics" data-src="https://media.example/own.wav" type="audio/wav"></audio>`
        })
      )
    )
    await expectBanner(p)
    await idle(300)
    expect(from(requests, 'media.example'), 'media requested before consent').toEqual([])

    await p.evaluate(() => (window as any).nanoconsent.set({ analytics: true }))
    await expect
      .poll(() => from(requests, 'media.example').map((u) => new URL(u).pathname).sort())
      .toEqual(['/direct.wav', '/own.wav', '/source.wav'])
    const srcs = () => p.evaluate(() => ['v1', 's2', 's3'].map((id) => document.getElementById(id)!.getAttribute('src')))
    expect(await srcs()).toEqual(['https://media.example/direct.wav', 'https://media.example/source.wav', 'https://media.example/own.wav'])
    // load() was called on the parents, so the browser picked the new sources.
    expect(await p.evaluate(() => ['v2', 'a3'].map((id) => (document.getElementById(id) as HTMLMediaElement).currentSrc))).toEqual([
      'https://media.example/source.wav',
      'https://media.example/own.wav'
    ])

    // Really loaded (metadata at least), then unloaded by the withdrawal.
    const ready = () => p.evaluate(() => ['v1', 'v2', 'a3'].map((id) => (document.getElementById(id) as HTMLMediaElement).readyState))
    await expect.poll(async () => (await ready()).every((r) => r >= HTMLMediaElement_HAVE_METADATA)).toBe(true)
    await p.evaluate(() => (window as any).nanoconsent.set({ analytics: false }))
    await expect.poll(srcs).toEqual([null, null, null])
    expect(await ready()).toEqual([0, 0, 0])
    expect(await p.evaluate(() => document.getElementById('s2')!.dataset.src)).toBe('https://media.example/source.wav')
  })

  test('img data-srcset, and a picture of sources: the right candidate is fetched only after consent; a bad srcset is refused and named', async () => {
    const { t, requests } = await embedsCtx()
    const p = await t.newPage()
    await p.goto(
      suite.server.page(
        '/embeds/srcset',
        html({
          body: `<img id="set" alt="" data-category="affiliate" data-src="https://img.example/fallback.gif" data-srcset="https://img.example/a-1x.gif 1x, https://img.example/a-2x.gif 2x">
<picture><source id="wide" data-srcset="https://img.example/wide.gif" media="(min-width: 1px)"><img id="pic" alt="" data-category="affiliate" data-src="https://img.example/narrow.gif"></picture>
<img id="bad" alt="" data-category="affiliate" data-srcset="https://img.example/ok.gif 1x, data:image/gif;base64,R0lGODlhAQABAAAAACw= 2x">`
        })
      )
    )
    await expectBanner(p)
    await idle(300)
    expect(from(requests, 'img.example'), 'images requested before consent').toEqual([])

    await p.evaluate(() => (window as any).nanoconsent.set({ affiliate: true }))
    await expect.poll(() => from(requests, 'img.example').map((u) => new URL(u).pathname).sort()).toEqual(['/a-1x.gif', '/wide.gif'])
    await idle(200)
    // One request each: the srcset candidate (1x on this screen) and the picture's source, never the fallbacks.
    expect(from(requests, 'img.example').map((u) => new URL(u).pathname).sort()).toEqual(['/a-1x.gif', '/wide.gif'])
    expect(await p.$eval('#bad', (i) => [i.getAttribute('src'), i.getAttribute('srcset')])).toEqual([null, null])
    const refused = t.console.filter((l) => l.startsWith('[error] nanoconsent: refused to activate'))
    expect(refused).toHaveLength(1)
    expect(refused[0]).toMatch(/a marked <img>: its data-srcset holds a URL that is not http\(s\)/)
  })
})

describe('fallbacks give way', () => {
  test('a <p data-category="!advertising"> is hidden once advertising is granted and back after a withdrawal, without a reload', async () => {
    const { t } = await embedsCtx()
    const p = await t.newPage()
    await p.goto(
      suite.server.page(
        '/embeds/fallback',
        html({ config: { reloadOnRevoke: false }, body: '<p id="fb" data-category="!advertising">Accept advertising cookies to watch the video.</p>' })
      )
    )
    await expectBanner(p)
    await p.evaluate(() => ((window as any).__samePage = true))
    const shown = () => p.locator('#fb').isVisible()
    expect(await shown()).toBe(true)
    await p.evaluate(() => (window as any).nanoconsent.set({ advertising: true }))
    await expect.poll(shown).toBe(false)
    expect(await p.$eval('#fb', (e) => (e as HTMLElement).hidden)).toBe(true)
    await p.evaluate(() => (window as any).nanoconsent.set({ advertising: false }))
    await expect.poll(shown).toBe(true)
    expect(await p.evaluate(() => (window as any).__samePage)).toBe(true)
  })
})

const EMBED = '<iframe id="embed" title="A video" width="560" height="315" data-category="advertising" data-src="https://embed.example/v/1"></iframe>'

const placeholder = (p: Page) => p.locator('[data-nanoconsent="placeholder"]')
const embedFrame = (p: Page) => p.frames().find((f) => f !== p.mainFrame() && f.name() != 'twin')

describe('the contextual placeholder of a gated iframe', () => {
  test('stands where the iframe would, names category and host, and its keyboard-reachable button grants that one category', async () => {
    const { t, requests } = await embedsCtx()
    const p = await t.newPage()
    // The twin is not gated: the box the iframe itself would take.
    const twin = '<div><iframe id="twin" name="twin" title="Twin" width="560" height="315"></iframe></div>'
    const url = suite.server.page('/embeds/placeholder', html({ config: { reloadOnRevoke: false }, body: EMBED + twin }))
    // A returning visitor who refused everything: no banner, and activate.js loads for the iframe alone.
    await returning(p, url, 'rejectAll')
    await expect(placeholder(p).isVisible()).resolves.toBe(true)
    await expect.poll(() => placeholder(p).locator('button').count()).toBe(1)
    expect(await p.locator('#embed').isVisible()).toBe(false)
    const box = await placeholder(p).boundingBox()
    const iframeBox = await p.locator('#twin').boundingBox()
    expect([box!.width, box!.height]).toEqual([iframeBox!.width, iframeBox!.height])
    expect(box!.width).toBeGreaterThanOrEqual(560)
    const text = await placeholder(p).locator('p').innerText()
    expect(text).toContain(catName('advertising'))
    expect(text).toContain('embed.example')
    expect(from(requests, 'embed.example'), 'embed requested before consent').toEqual([])

    // Tab from the top of the page reaches the placeholder's button.
    let active = await deepActive(p)
    for (let i = 0; i < 10 && !(active?.tag == 'button' && active.text.includes(catName('advertising'))); i++) {
      await p.keyboard.press('Tab')
      active = await deepActive(p)
    }
    expect(active).toMatchObject({ tag: 'button', text: `Allow “${catName('advertising')}”` })
    const outline = await p.evaluate(() => {
      const host = document.querySelector('[data-nanoconsent="placeholder"]')!
      return getComputedStyle(host.shadowRoot!.activeElement!).outlineStyle
    })
    expect(outline, 'focus is visible').toBe('solid')
    await p.keyboard.press('Enter')

    await expect.poll(() => api.get(p)).toEqual({ decided: true, necessary: true, preferences: false, analytics: false, advertising: true, affiliate: false })
    await expect.poll(async () => (await consentCookie(t.ctx))?.value.split('.')[3]).toBe('x')
    expect((await api.record(p)).method).toBe('contextual')
    await expect.poll(() => from(requests, 'embed.example')).toEqual(['https://embed.example/v/1'])
    await expect.poll(() => placeholder(p).isVisible()).toBe(false)
    expect(await p.locator('#embed').isVisible()).toBe(true)
    await expect.poll(() => embedFrame(p)?.url()).toBe('https://embed.example/v/1')

    // Withdrawn without a reload: the embed is unloaded and the placeholder is back.
    await p.evaluate(() => ((window as any).__samePage = true))
    await p.evaluate(() => (window as any).nanoconsent.set({ advertising: false }))
    await expect.poll(() => placeholder(p).isVisible()).toBe(true)
    expect(await p.locator('#embed').isVisible()).toBe(false)
    expect(await p.$eval('#embed', (f) => [f.getAttribute('src'), (f as HTMLIFrameElement).dataset.src])).toEqual([null, 'https://embed.example/v/1'])
    await expect.poll(() => embedFrame(p)?.url()).toBe('about:blank')
    expect(await p.evaluate(() => (window as any).__samePage)).toBe(true)
    expectNoPageErrors(t)
  })

  test('on a first visit, its button grants advertising only, answers the rest as denied, and the banner goes', async () => {
    const { t, requests } = await embedsCtx()
    const p = await t.newPage()
    await p.goto(suite.server.page('/embeds/first', html({ body: EMBED })))
    await expectBanner(p)
    await placeholder(p).getByRole('button').click()
    await expect.poll(() => api.get(p)).toEqual({ decided: true, necessary: true, preferences: false, analytics: false, advertising: true, affiliate: false })
    await expect.poll(() => bannerButton(p, 'Accept all').isVisible()).toBe(false)
    await expect.poll(() => from(requests, 'embed.example')).toEqual(['https://embed.example/v/1'])
    expect(await placeholder(p).isVisible()).toBe(false)
  })

  test('a grant from anywhere (here the banner) removes it; an own fallback or data-placeholder="none" means none is made', async () => {
    const { t } = await embedsCtx()
    const p = await t.newPage()
    await p.goto(
      suite.server.page(
        '/embeds/others',
        html({
          body: `${EMBED}
<div><iframe id="own" data-category="advertising" data-src="https://embed.example/v/2"></iframe><p id="own-fb" data-category="!advertising">Our own fallback</p></div>
<div><iframe id="none" data-placeholder="none" data-category="advertising" data-src="https://embed.example/v/3"></iframe></div>`
        })
      )
    )
    await expectBanner(p)
    await expect.poll(() => placeholder(p).count()).toBe(1)
    expect(await p.locator('#own').isVisible()).toBe(false)
    expect(await p.locator('#none').isVisible()).toBe(true)
    await bannerButton(p, 'Accept all').click()
    await expect.poll(() => placeholder(p).isVisible()).toBe(false)
    expect(await p.locator('#own-fb').isVisible()).toBe(false)
    expect(await p.evaluate(() => ['embed', 'own', 'none'].map((id) => document.getElementById(id)!.getAttribute('src')))).toEqual([
      'https://embed.example/v/1',
      'https://embed.example/v/2',
      'https://embed.example/v/3'
    ])
  })

  for (const lang of ['ar', 'fr']) {
    test(`in ${lang}: translated${lang == 'ar' ? ', right to left' : ''}`, async () => {
      const { t } = await embedsCtx({ locale: lang })
      const p = await t.newPage()
      await p.goto(suite.server.page(`/embeds/${lang}`, html({ lang, body: EMBED })))
      await expect.poll(() => placeholder(p).locator('button').count()).toBe(1)
      const L = flatLocale(lang)
      const name = L['categories.advertising.name']!
      expect(await placeholder(p).getAttribute('dir')).toBe(lang == 'ar' ? 'rtl' : 'ltr')
      expect(await placeholder(p).getAttribute('lang')).toBe(lang)
      // The host name is isolated, so it keeps its order in right-to-left text.
      expect(await placeholder(p).locator('p').innerText()).toBe(L['placeholder.text']!.replace('{{host}}', '\u2068embed.example\u2069').replace('{{category}}', name))
      expect(await placeholder(p).locator('button').innerText()).toBe(L['placeholder.allow']!.replace('{{category}}', name))
      // Mirrored: the layout runs right to left inside the box.
      expect(await placeholder(p).locator('p').evaluate((e) => getComputedStyle(e).direction)).toBe(lang == 'ar' ? 'rtl' : 'ltr')
    })
  }
})
