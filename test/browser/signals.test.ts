/**
 * GPC, tags added after load, cross-tab propagation and a strict CSP.
 */
import { describe, expect, test } from 'vitest'
import type { Page } from 'playwright-core'
import {
  api,
  catName,
  bannerButton,
  consentCookie,
  expectBanner,
  expectNoPageErrors,
  expectNoTrackers,
  flatLocale,
  fmtLog,
  idle,
  oneTagPage,
  waitKinds,
  type Tracked,
  useSuite
} from './harness'

const suite = useSuite()
const ctx = suite.ctx

async function consentCommands(page: Page) {
  return page.evaluate(() =>
    ((window as any).dataLayer as any[])
      .filter((e) => Object.prototype.toString.call(e) === '[object Arguments]' && e[0] === 'consent')
      .map((e) => Array.from(e) as any[])
  )
}

describe('signals and late tags', () => {
  test('8. GPC: the notice is shown; "Accept all" grants all but advertising and affiliate', async () => {
    const gpcTemplate = flatLocale('en')['banner.gpc']
    expect(gpcTemplate, 'locales/en.json banner.gpc').toContain('{{categories}}')
    // The notice names the categories it keeps off, by their display names.
    const gpcText = gpcTemplate.replace('{{categories}}', `${catName('advertising')} and ${catName('affiliate')}`)
    // Without the signal there is no GPC notice.
    {
      const t = await ctx()
      const page = await t.newPage()
      await page.goto(suite.server.page('/t/gpc', oneTagPage({ title: 'GPC' })))
      await expectBanner(page)
      expect(await page.getByText(gpcText).count(), 'GPC notice without the signal').toBe(0)
      await t.close()
    }
    const t = await ctx({ gpc: true })
    const page = await t.newPage()
    await page.goto(suite.server.page('/t/gpc', oneTagPage({ title: 'GPC' })))
    expect(await page.evaluate(() => (navigator as any).globalPrivacyControl)).toBe(true)
    await expectBanner(page)
    await expect(page.getByText(gpcText).isVisible(), 'GPC notice in the banner').resolves.toBe(true)
    // Before a choice nothing is granted, with or without the signal (fail closed): GPC shows in
    // the notice above and in what "Accept all" grants below, not in this state.
    expect(await api.get(page)).toMatchObject({ decided: false, advertising: false, affiliate: false, analytics: false })
    expectNoTrackers(t, 0, 'under GPC before a choice')
    // Product decision: "Accept all" under GPC grants everything except advertising and affiliate.
    await bannerButton(page, 'Accept all').click()
    await waitKinds(t, ['gtag'])
    await idle(750)
    expect(await api.get(page)).toMatchObject({ decided: true, preferences: true, analytics: true, advertising: false, affiliate: false })
    const kinds = t.kinds()
    expect(kinds, fmtLog(t.trackers())).not.toContain('fbevents')
    expect(kinds, fmtLog(t.trackers())).not.toContain('fb-tr')
    expect(kinds, fmtLog(t.trackers())).not.toContain('affiliate')
    expect((await api.record(page))?.method).toBe('gpc')
    const cmds = await consentCommands(page)
    // What Google tags see: the default with every update applied in order.
    expect(cmds.some((c) => c[1] === 'update'), JSON.stringify(cmds)).toBe(true)
    const effective = Object.assign({}, ...cmds.map((c) => c[2]))
    expect(effective, JSON.stringify(cmds)).toMatchObject({ analytics_storage: 'granted', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' })
    expect((await t.ctx.cookies()).map((c) => c.name)).not.toContain('_fbp')
    expectNoPageErrors(t)
  })

  test('9. a marked tag inserted 1 s after load does not run before consent, and runs after accept', async () => {
    const t = await ctx()
    const page = await t.newPage()
    const url = suite.server.page(
      '/t/late',
      oneTagPage({
        title: 'Late tags',
        body: `<script>
  // Site code (necessary): a tag manager adding tags one second after load.
  addEventListener('load', function () {
    setTimeout(function () {
      var a = document.createElement('script');
      a.type = 'text/plain'; a.setAttribute('data-category', 'analytics');
      a.textContent = 'window.__lateInline = (window.__lateInline || 0) + 1';
      document.body.appendChild(a);
      var b = document.createElement('script');
      b.type = 'text/plain'; b.setAttribute('data-category', 'analytics'); b.setAttribute('data-src', '/pages/late.js');
      document.body.appendChild(b);
      var c = document.createElement('script');
      c.type = 'text/plain'; c.setAttribute('data-category', 'analytics');
      c.setAttribute('data-src', 'https://www.googletagmanager.com/gtag/js?id=G-LATE999');
      document.head.appendChild(c);
      var i = document.createElement('img');
      i.setAttribute('data-category', 'affiliate'); i.setAttribute('data-src', 'https://aff.example/late.gif'); i.alt = '';
      document.body.appendChild(i);
      window.__inserted = true;
    }, 1000);
  });
</script>`
      })
    )
    await page.goto(url)
    await expectBanner(page)
    await page.waitForFunction(() => (window as any).__inserted === true, null, { timeout: 5000 })
    await idle(500)
    const before = await page.evaluate(() => ({ inline: (window as any).__lateInline, ext: (window as any).__lateExternal }))
    expect(before, 'late marked scripts ran before consent').toEqual({ inline: undefined, ext: undefined })
    expect(t.local('/pages/late.js'), 'late.js requested before consent').toEqual([])
    expectNoTrackers(t, 0, 'after late tags were inserted, before consent')
    await bannerButton(page, 'Accept all').click()
    await page.waitForFunction(() => (window as any).__lateInline === 1 && (window as any).__lateExternal === 1, null, { timeout: 5000 })
    // The integration's own pixel is also an "affiliate" request: wait for the late tags' own URLs.
    for (const part of ['G-LATE999', 'aff.example/late.gif'])
      await expect.poll(() => t.trackers().some((l) => l.url.includes(part)), { timeout: 5000, message: `${part}:\n${fmtLog(t.trackers())}` }).toBe(true)
    await idle(300)
    expect(await page.evaluate(() => (window as any).__lateInline), 'late inline script ran exactly once').toBe(1)
    expectNoPageErrors(t)
  })

  const tabPage = () =>
    oneTagPage({
      title: 'Tabs',
      head: `<script type="text/plain" data-category="analytics">window.__analyticsRan = (window.__analyticsRan || 0) + 1</script>`
    })

  async function crossTab(t: Tracked) {
    const a = await t.newPage()
    const b = await t.newPage()
    const ua = suite.server.page('/t/tab-a', tabPage())
    const ub = suite.server.page('/t/tab-b', tabPage())
    await a.goto(ua)
    await b.goto(ub)
    await expectBanner(a)
    await expectBanner(b)
    await b.evaluate(() => ((window as any).__sameDocument = true))
    expect(await b.evaluate(() => (window as any).__analyticsRan)).toBeUndefined()
    await bannerButton(a, 'Accept all').click()
    await a.waitForFunction(() => (window as any).__analyticsRan === 1, null, { timeout: 3000 })
    return { a, b, ub }
  }

  test('10. cross-tab: accepting in one tab activates gating in the other within ~1 s, without reload', async () => {
    const t = await ctx()
    const { b, ub } = await crossTab(t)
    const t0 = Date.now()
    await b.waitForFunction(() => (window as any).__analyticsRan === 1, null, { timeout: 1500 }).catch(() => {
      throw new Error('the marked analytics script did not run in the other tab within 1.5 s')
    })
    const took = Date.now() - t0
    expect(await b.evaluate(() => (window as any).__sameDocument), 'the other tab reloaded').toBe(true)
    await expect.poll(() => t.trackers().filter((l) => l.kind === 'gtag' && l.from === ub).length, { timeout: 1500 }).toBe(1)
    expect(await api.get(b)).toMatchObject({ decided: true, analytics: true, advertising: true })
    expect(took).toBeLessThan(1500)
    expectNoPageErrors(t)
  })

  test('10c. cross-tab: the other tab\'s banner closes once the choice arrives', async () => {
    const t = await ctx()
    const { b } = await crossTab(t)
    await b.waitForFunction(() => (window as any).__analyticsRan === 1, null, { timeout: 1500 })
    // A banner left open would invite a second, contradicting answer.
    await expect
      .poll(() => bannerButton(b, 'Accept all').count(), { timeout: 1500, message: 'the banner is still shown in the other tab after it applied the choice' })
      .toBe(0)
  })

  test('10b. cross-tab without BroadcastChannel: visibilitychange alone re-reads the cookie', async () => {
    const t = await ctx()
    await t.ctx.addInitScript(() => {
      delete (window as any).BroadcastChannel
    })
    const { b } = await crossTab(t)
    await idle(300)
    // Nothing has told tab B yet: without the channel only the cookie carries the choice.
    expect(await b.evaluate(() => (window as any).__analyticsRan), 'tab B ran analytics before it was shown again').toBeUndefined()
    // The tab is shown again: visibilitychange alone (no focus event, no bringToFront) must re-read the cookie.
    await b.evaluate(() => document.dispatchEvent(new Event('visibilitychange')))
    await b.waitForFunction(() => (window as any).__analyticsRan === 1, null, { timeout: 1500 }).catch(() => {
      throw new Error('without BroadcastChannel, the other tab did not pick up the choice on visibilitychange')
    })
    expect(await api.get(b)).toMatchObject({ decided: true, analytics: true })
    expectNoPageErrors(t)
  })

  test('11. strict CSP with a nonce: banner, modal and gating work with zero violations', async () => {
    const t = await ctx()
    const page = await t.newPage()
    const csp = "script-src 'nonce-XYZ' 'strict-dynamic'; style-src 'nonce-XYZ'; object-src 'none'; base-uri 'none'"
    const url = suite.server.page(
      '/t/csp',
      oneTagPage({
        title: 'CSP',
        loader: { nonce: 'XYZ' },
        head: `<script type="text/plain" data-category="analytics" nonce="XYZ">window.__cspInline = (window.__cspInline || 0) + 1</script>
<script type="text/plain" data-category="analytics" data-src="/pages/marked.js" nonce="XYZ"></script>`
      }),
      { 'content-security-policy': csp }
    )
    await page.goto(url)
    await expectBanner(page)
    // The banner is styled (its stylesheet was not blocked): some ancestor of the button is fixed/sticky.
    const styled = await bannerButton(page, 'Accept all').evaluate((el) => {
      let n: Node | null = el
      while (n) {
        if (n instanceof Element) {
          const p = getComputedStyle(n).position
          if (p === 'fixed' || p === 'sticky') return true
        }
        n = (n as Element).parentNode ?? ((n as ShadowRoot).host || null)
      }
      return false
    })
    expect(styled, 'banner styles applied under CSP (no fixed/sticky container found)').toBe(true)
    await bannerButton(page, 'Customize').click()
    const dialog = page.getByRole('dialog')
    await dialog.waitFor({ state: 'visible' })
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    expect(await api.get(page)).toMatchObject({ decided: false })
    await bannerButton(page, 'Accept all').click()
    await page.waitForFunction(() => (window as any).__cspInline === 1 && (window as any).__markedExternal === 1, null, { timeout: 5000 }).catch(async () => {
      throw new Error(
        `marked scripts did not run under CSP: ${JSON.stringify(await page.evaluate(() => ({ inline: (window as any).__cspInline, ext: (window as any).__markedExternal, csp: (window as any).__csp })))}`
      )
    })
    await waitKinds(t, ['gtag', 'fbevents', 'affiliate'])
    await expect.poll(() => page.evaluate(() => (window as any).__gtagStub), { message: 'gtag.js executed under CSP' }).toBe(1)
    await expect.poll(() => page.evaluate(() => (window as any).__fbeventsStub), { message: 'fbevents.js executed under CSP' }).toBe(1)
    const nonces = await page.evaluate(() =>
      [...document.querySelectorAll('script[src]')].filter((s) => !/nanoconsent\.js/.test((s as HTMLScriptElement).src)).map((s) => [(s as HTMLScriptElement).src, (s as HTMLScriptElement).nonce])
    )
    for (const [src, n] of nonces) expect(n, `nonce on injected ${src}`).toBe('XYZ')
    await idle(300)
    const violations = await page.evaluate(() => (window as any).__csp)
    const cspConsole = t.console.filter((l) => /Content Security Policy/i.test(l))
    expect(violations, `securitypolicyviolation events:\n${JSON.stringify(violations, null, 1)}\n${cspConsole.join('\n')}`).toEqual([])
    expect(await consentCookie(t.ctx)).toBeTruthy()
    expectNoPageErrors(t)
  })
})
