/**
 * An HTML-injection bug on the page (a review, a comment, a CMS field) must
 * never become running script through nanoconsent, under a strict CSP.
 * The attacker's markup arrives two ways: rendered by the server into the
 * body, and inserted by `innerHTML` after load.
 */
import { describe, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import { api, bannerButton, expectBanner, expectNoPageErrors, html, idle, oneTagPage, waitKinds, useSuite } from './harness'

const suite = useSuite()
const NONCE = 'r4nd0mN0nce'

/** Each payload pushes its name into window.__pwn if it ever runs. */
const PAYLOADS = (tag: string) =>
  [
    `<script type="text/plain" data-category="necessary">(window.__pwn=window.__pwn||[]).push('${tag}:necessary')</script>`,
    `<script type="text/plain" data-category="!analytics">(window.__pwn=window.__pwn||[]).push('${tag}:!analytics')</script>`,
    `<script type="text/plain" data-category="!x">(window.__pwn=window.__pwn||[]).push('${tag}:!x')</script>`,
    `<script type="text/plain" data-category="constructor">(window.__pwn=window.__pwn||[]).push('${tag}:constructor')</script>`,
    `<script type="text/plain" data-category="decided">(window.__pwn=window.__pwn||[]).push('${tag}:decided')</script>`,
    `<script type="text/plain" data-category="analytics" data-src="data:text/javascript,(window.__pwn=window.__pwn||[]).push('${tag}:data-script')"></script>`,
    `<iframe id="${tag}-js" data-category="necessary" data-src="javascript:parent.__pwn=(parent.__pwn||[]).concat('${tag}:js-iframe')"></iframe>`,
    `<iframe id="${tag}-data" data-category="analytics" data-src="data:text/html,<p>x</p>"></iframe>`,
    `<img id="${tag}-blob" data-category="analytics" data-src="blob:http://www.shop.nanoconsent.test/0000" alt="">`
  ].join('\n')

const CSPS = {
  'strict-dynamic': `script-src 'nonce-${NONCE}' 'strict-dynamic'; style-src 'nonce-${NONCE}'; object-src 'none'; base-uri 'none'`,
  'nonce + origin': (origin: string) => `script-src 'nonce-${NONCE}' ${origin}; style-src 'nonce-${NONCE}'; object-src 'none'; base-uri 'none'`
}

/** The owner's page: a nonced loader, the owner's own nonced marked scripts, and injected user content. */
function page(path: string, csp: string, extra: Parameters<typeof oneTagPage>[0] = {}) {
  return suite.server.page(
    path,
    oneTagPage({
      loader: { nonce: NONCE },
      head: `<script type="text/plain" data-category="analytics" nonce="${NONCE}">window.__owner = (window.__owner || 0) + 1</script>
<script type="text/plain" data-category="analytics" data-src="/pages/marked.js" nonce="${NONCE}"></script>`,
      body: `<section class="reviews">${PAYLOADS('parsed')}</section><div id="later"></div>`,
      ...extra
    }),
    { 'content-security-policy': csp }
  )
}

async function injectLater(p: Page) {
  await p.evaluate((markup) => {
    document.getElementById('later')!.innerHTML = markup
  }, PAYLOADS('later'))
}

async function expectNothingInjectedRan(p: Page, when: string) {
  await idle(250)
  const seen = await p.evaluate(() => ({
    pwn: (window as any).__pwn || [],
    iframes: [...document.querySelectorAll('iframe[id],img[id]')].map((el) => [el.id, el.getAttribute('src')])
  }))
  expect(seen.pwn, `injected scripts ran ${when}`).toEqual([])
  for (const [id, src] of seen.iframes) expect(src, `#${id} got a src ${when}`).toBeNull()
}

describe('injected markup never runs', () => {
  for (const [name, policy] of Object.entries(CSPS)) {
    test(`${name}: injected tags stay inert before and after every choice; the owner's nonced tags run`, async () => {
      const t = await suite.ctx()
      const p = await t.newPage()
      const csp = typeof policy == 'string' ? policy : policy(suite.server.origin)
      await p.goto(page(`/inj/${name.replace(/\W/g, '')}`, csp))
      await expectBanner(p)
      await injectLater(p)
      await expectNothingInjectedRan(p, 'before any choice')

      await bannerButton(p, 'Reject all').click()
      await expect.poll(() => api.get(p)).toMatchObject({ decided: true, analytics: false })
      await injectLater(p)
      await expectNothingInjectedRan(p, 'after Reject all')

      await p.evaluate(() => (window as any).nanoconsent.acceptAll())
      await waitKinds(t, ['gtag'])
      await p.waitForFunction(() => (window as any).__owner === 1 && (window as any).__markedExternal === 1, null, { timeout: 5000 })
      await injectLater(p)
      await expectNothingInjectedRan(p, 'after Accept all')

      // The refusals are named for the owner, and nothing else went wrong.
      const refused = t.console.filter((l) => l.startsWith('[error] nanoconsent: refused to activate'))
      expect(refused.some((l) => /nonce/.test(l)), t.console.join('\n')).toBe(true)
      expect(refused.some((l) => /http\(s\)/.test(l)), t.console.join('\n')).toBe(true)
      expect(t.console.filter((l) => /"constructor" is not a category/.test(l))).toHaveLength(1)
      expect(await p.evaluate(() => (window as any).__csp)).toEqual([])
      expectNoPageErrors(t)
    })
  }

  for (const assetsUrl of ['data:text/javascript,(window.__pwn=window.__pwn||[]).push("clobbered")//', 'https://attacker.example/']) {
    test(`a clobbering <div id="nanoconsent-config"> cannot move the chunks (${assetsUrl.slice(0, 24)}…); the banner still shows`, async () => {
      const t = await suite.ctx()
      const p = await t.newPage()
      const clobber = `<div id="nanoconsent-config">${JSON.stringify({ assetsUrl, revision: 9 })}</div>`
      const url = suite.server.page(
        `/inj/clobber-${assetsUrl.length}`,
        // The loader is deferred, so the user content is parsed before it runs.
        html({ loader: { nonce: NONCE, defer: '' }, body: `<article>${clobber}</article>` }),
        { 'content-security-policy': CSPS['strict-dynamic'] }
      )
      await p.goto(url)
      await expectBanner(p)
      await bannerButton(p, 'Reject all').click()
      await expect.poll(() => api.get(p)).toMatchObject({ decided: true })
      expect(await p.evaluate(() => (window as any).__pwn || [])).toEqual([])
      expect(t.others().map((l) => l.url)).toEqual([])
      expect(t.console.some((l) => /ignored, not a JSON <script> before the loader/.test(l)), t.console.join('\n')).toBe(true)
      expectNoPageErrors(t)
    })
  }

  test('a JSON block with a cross-origin assetsUrl is refused by name; one on the tag (https) or same-origin is kept', async () => {
    const t = await suite.ctx()
    const p = await t.newPage()
    await p.goto(suite.server.page('/inj/cross-origin-block', html({ config: { assetsUrl: 'https://cdn.attacker.example/nc/' } })))
    await expectBanner(p)
    expect(t.console.some((l) => l.includes('config "assetsUrl" is "https://cdn.attacker.example/nc/"')), t.console.join('\n')).toBe(true)
    expect(t.others()).toEqual([])
    // Same-origin in the block is fine: the chunks come from there.
    const p2 = await t.newPage()
    await p2.goto(suite.server.page('/inj/same-origin-block', html({ config: { assetsUrl: '/dist/' } })))
    await expectBanner(p2)
  })

  test('"__proto__" under integrations or categories is a named config error and starts no vendor on a returning visit', async () => {
    const t = await suite.ctx()
    const p = await t.newPage()
    const plain = { categories: [{ id: 'necessary' }, { id: 'analytics' }, { id: 'advertising' }] }
    await p.goto(suite.server.page('/inj/proto-first', html({ config: plain })))
    await expectBanner(p)
    await bannerButton(p, 'Accept all').click()
    await expect.poll(() => api.get(p)).toMatchObject({ decided: true, analytics: true, advertising: true })
    const from = t.log.length
    // JSON.parse keeps "__proto__" as an own key, which a naive merge turns into a prototype.
    const polluted = `{"categories":[{"id":"necessary"},{"id":"analytics"},{"id":"advertising","__proto__":{"id":"x"}}],"integrations":{"__proto__":{"ga4":{"id":"G-EVIL123"},"metaPixel":{"id":"66666666"}}}}`
    const body = html({ head: '' }).replace('<script src="/dist/nanoconsent.js"', `<script type="application/json" id="nanoconsent-config">${polluted}</script>\n<script src="/dist/nanoconsent.js"`)
    const p2 = await t.newPage()
    await p2.goto(suite.server.page('/inj/proto-returning', body))
    await idle(800)
    expect(t.trackers(from), 'no vendor may start from a prototype key').toEqual([])
    expect(t.console.some((l) => l.includes('config "integrations.__proto__" is not allowed')), t.console.join('\n')).toBe(true)
    expect(t.console.some((l) => l.includes('config "categories.2.__proto__" is not allowed')), t.console.join('\n')).toBe(true)
    expectNoPageErrors(t)
  })

  test('Trusted Types enforced: granted tags and vendors still run, with zero violations', async () => {
    const t = await suite.ctx()
    const p = await t.newPage()
    const csp = `${CSPS['strict-dynamic']}; require-trusted-types-for 'script'; trusted-types nanoconsent`
    await p.goto(page('/inj/trusted-types', csp, { body: '<p>No user content here.</p>' }))
    await expectBanner(p)
    await bannerButton(p, 'Accept all').click()
    await p.waitForFunction(() => (window as any).__owner === 1 && (window as any).__markedExternal === 1, null, { timeout: 5000 })
    await waitKinds(t, ['gtag', 'fbevents', 'affiliate'])
    await expect.poll(() => p.evaluate(() => (window as any).__gtagStub)).toBe(1)
    await idle(200)
    expect(await p.evaluate(() => (window as any).__csp)).toEqual([])
    expect(t.console.filter((l) => /Trusted Type|TrustedScript/i.test(l))).toEqual([])
    expectNoPageErrors(t)
  })
})
