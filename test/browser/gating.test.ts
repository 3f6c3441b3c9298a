/**
 * Gating in a real Chromium: nothing reaches a tracker host before consent,
 * the right things load after it, and withdrawal cleans up.
 */
import { describe, expect, test } from 'vitest'
import {
  api,
  bannerButton,
  consentCookie,
  expectBanner,
  flatLocale,
  fmtLog,
  idle,
  oneTagPage,
  snippetPage,
  type Kind,
  type Tracked,
  waitKinds,
  expectNoTrackers,
  expectNoPageErrors,
  catName,
  toggle,
  useSuite
} from './harness'

const suite = useSuite()
const ctx = suite.ctx

const PAGES = {
  onetag: () => suite.server.page('/t/onetag', oneTagPage({ title: 'One-tag shop' })),
  snippets: () => suite.server.page('/t/snippets', snippetPage({ title: 'Snippet shop' }))
}

const en = () => flatLocale('en')

async function cookieNames(t: Tracked) {
  return (await t.ctx.cookies()).map((c) => `${c.name}@${c.domain}`)
}

describe('gating', () => {
  test('1. first visit: banner, zero tracker requests and no cookie through load + 2 s idle', async () => {
    for (const [name, url] of Object.entries(PAGES)) {
      const t = await ctx()
      const page = await t.newPage()
      await page.goto(url())
      await expectBanner(page)
      await idle(2000)
      expectNoTrackers(t, 0, `on the ${name} page before any choice`)
      expect(await cookieNames(t), `cookies on the ${name} page before any choice`).toEqual([])
      const state = await api.get(page)
      expect(state).toMatchObject({ necessary: true, decided: false, analytics: false, advertising: false, affiliate: false })
      // The UI is fetched once, with only the active locale.
      expect(t.local('/dist/ui.js').length).toBe(1)
      const locales = t.log.filter((l) => l.kind === 'local' && /\/locales\//.test(l.url)).map((l) => l.url.replace(/.*\/locales\//, ''))
      // English may be bundled in ui.js; no other language may be fetched.
      expect(locales.filter((f) => f !== 'en.json'), 'locales fetched for an English page').toEqual([])
      // Marked tags are still inert. The one-tag page has none (its vendors come from data-ga4 and
      // the JSON block); the snippet page has four (GA, its config, Meta, the affiliate pixel), each still waiting.
      const inert = await page.evaluate(() => ({
        marked: document.querySelectorAll('[data-category]').length,
        waiting: document.querySelectorAll('script[type="text/plain"][data-category], img[data-category]:not([src])').length,
        fbq: typeof (window as any).fbq
      }))
      expect(inert, `marked tags on the ${name} page`).toEqual({ marked: name == 'snippets' ? 4 : 0, waiting: name == 'snippets' ? 4 : 0, fbq: 'undefined' })
      expectNoPageErrors(t)
      await t.close()
    }
  })

  test('2. reject all: no tracker, cookie written; reload: no banner, no tracker, ui.js not requested', async () => {
    const t = await ctx()
    const page = await t.newPage()
    await page.goto(PAGES.onetag())
    await expectBanner(page)
    await bannerButton(page, 'Reject all').click()
    await expect.poll(() => consentCookie(t.ctx)).toBeTruthy()
    expect(await api.get(page)).toMatchObject({ decided: true, preferences: false, analytics: false, advertising: false, affiliate: false })
    await expect.poll(() => bannerButton(page, 'Accept all').count()).toBe(0)
    const mark = t.log.length
    const uiBefore = t.local('/dist/ui.js').length
    await page.reload()
    await page.waitForLoadState('load')
    await idle(750)
    expect(await bannerButton(page, 'Accept all').count(), 'banner after reload').toBe(0)
    expect(await api.get(page)).toMatchObject({ decided: true, analytics: false, advertising: false, affiliate: false })
    expectNoTrackers(t, 0, 'after reject all and reload')
    expect(t.local('/dist/ui.js').length - uiBefore, 'ui.js requested by a returning visitor').toBe(0)
    expect(t.log.slice(mark).filter((l) => /\/locales\//.test(l.url)), 'locale fetched by a returning visitor').toEqual([])
    // design.md: "A returning visitor with valid consent downloads only the loader."
    const sdk = t.log.slice(mark).filter((l) => l.kind === 'local' && l.url.includes('/dist/')).map((l) => new URL(l.url).pathname)
    expect(sdk, 'SDK files a returning visitor downloads').toEqual(['/dist/nanoconsent.js'])
    expectNoPageErrors(t)
  })

  test('3. accept all: gtag.js, fbevents.js and the affiliate pixel load; consent default precedes update', async () => {
    for (const [name, url] of Object.entries(PAGES)) {
      const t = await ctx()
      const page = await t.newPage()
      await page.goto(url())
      await expectBanner(page)
      expectNoTrackers(t, 0, `on ${name} before accept`)
      await bannerButton(page, 'Accept all').click()
      await waitKinds(t, ['gtag', 'fbevents', 'affiliate'])
      const gtag = t.trackers().filter((l) => l.kind === 'gtag')
      expect(gtag.length, fmtLog(gtag)).toBe(1)
      expect(gtag[0].url).toMatch(/^https:\/\/www\.googletagmanager\.com\/gtag\/js\?id=G-TEST123/)
      expect(t.trackers().filter((l) => l.kind === 'fbevents')[0].url).toMatch(/^https:\/\/connect\.facebook\.net\/en_US\/fbevents\.js/)
      // The stubs ran and behaved like the vendors' scripts (cookies set once granted).
      await expect.poll(async () => (await t.ctx.cookies()).map((c) => c.name).sort(), { timeout: 3000 }).toEqual(
        expect.arrayContaining(['_fbp', '_ga', '_ga_TEST123', 'nanoconsent'])
      )
      const dl = await page.evaluate(() =>
        ((window as any).dataLayer as any[]).map((e) => ({
          args: Object.prototype.toString.call(e) === '[object Arguments]',
          v: Object.prototype.toString.call(e) === '[object Arguments]' ? Array.from(e) : e
        }))
      )
      const cmds = dl.filter((d) => d.args).map((d) => d.v as any[])
      const iDefault = cmds.findIndex((c) => c[0] === 'consent' && c[1] === 'default')
      const iUpdate = cmds.findIndex((c) => c[0] === 'consent' && c[1] === 'update')
      expect(iDefault, `consent default as an arguments object in dataLayer: ${JSON.stringify(dl)}`).toBeGreaterThanOrEqual(0)
      expect(iUpdate, `consent update in dataLayer: ${JSON.stringify(dl)}`).toBeGreaterThan(iDefault)
      // default is the first gtag command of the page
      expect(iDefault, JSON.stringify(cmds)).toBe(0)
      // gtag.js must be configured after the update, or its first hit goes out as denied
      const iConfig = cmds.findIndex((c) => c[0] === 'config')
      expect(iConfig, `config after the update: ${JSON.stringify(cmds)}`).toBeGreaterThan(iUpdate)
      const def = cmds[iDefault][2]
      expect(def).toMatchObject({
        ad_storage: 'denied',
        ad_user_data: 'denied',
        ad_personalization: 'denied',
        analytics_storage: 'denied',
        functionality_storage: 'denied',
        personalization_storage: 'denied',
        security_storage: 'granted'
      })
      const upd = cmds[iUpdate][2]
      // The update carries all seven types, every one explicit (issue 11).
      expect(upd, `${name}: consent update ${JSON.stringify(upd)}`).toEqual({
        ad_storage: 'granted',
        ad_user_data: 'granted',
        ad_personalization: 'granted',
        analytics_storage: 'granted',
        functionality_storage: 'granted',
        personalization_storage: 'granted',
        security_storage: 'granted'
      })
      expect(await api.get(page)).toMatchObject({ decided: true, preferences: true, analytics: true, advertising: true, affiliate: true })
      expect((await api.record(page))?.method).toBe('accept-all')
      expect(t.others(), fmtLog(t.others())).toEqual([])
      expectNoPageErrors(t)
      await t.close()
    }
  })

  test('4. customize: analytics only loads GA only; advertising only loads Meta only', async () => {
    const cases: [string, Kind[], Kind[]][] = [
      ['analytics', ['gtag'], ['fbevents', 'fb-tr', 'affiliate']],
      ['advertising', ['fbevents'], ['gtag', 'ga-collect', 'affiliate']]
    ]
    for (const [cat, want, never] of cases) {
      const t = await ctx()
      const page = await t.newPage()
      await page.goto(PAGES.onetag())
      await expectBanner(page)
      await bannerButton(page, 'Customize').click()
      const dialog = page.getByRole('dialog')
      await dialog.waitFor({ state: 'visible' })
      for (const id of ['preferences', 'analytics', 'advertising', 'affiliate']) {
        await expect(toggle(dialog, catName(id)).isChecked(), `${id} must not be pre-ticked`).resolves.toBe(false)
      }
      await toggle(dialog, catName(cat)).click()
      await expect(toggle(dialog, catName(cat)).isChecked()).resolves.toBe(true)
      await dialog.getByRole('button', { name: 'Save preferences', exact: true }).click()
      await waitKinds(t, want)
      await idle(750)
      const got = t.kinds()
      for (const k of never) expect(got, `${k} must not load with only ${cat}:\n${fmtLog(t.trackers())}`).not.toContain(k)
      const st = await api.get(page)
      expect(st).toMatchObject({ decided: true, [cat]: true })
      for (const id of ['preferences', 'analytics', 'advertising', 'affiliate'].filter((x) => x !== cat)) expect(st[id], id).toBe(false)
      expect((await api.record(page))?.method).toBe('custom')
      expectNoPageErrors(t)
      await t.close()
    }
  })

  test('4b. customize on a page of marked tags: only the granted category\'s tags run', async () => {
    // What each marked tag of the snippet page leaves behind once it ran.
    const ran = (page: import('playwright-core').Page) =>
      page.evaluate(() => ({
        analytics: [...document.querySelectorAll('script[data-category="analytics"]')].map((s) => s.getAttribute('type') !== 'text/plain'),
        advertising: [...document.querySelectorAll('script[data-category="advertising"]')].map((s) => s.getAttribute('type') !== 'text/plain'),
        affiliate: [...document.querySelectorAll('img[data-category="affiliate"]')].map((i) => i.hasAttribute('src')),
        gtagConfig: ((window as any).dataLayer as any[]).some((e) => e && e[0] === 'config'),
        fbq: typeof (window as any).fbq
      }))
    const cases: [string, Kind[], Kind[], object][] = [
      ['analytics', ['gtag'], ['fbevents', 'fb-tr', 'affiliate'], { analytics: [true, true], advertising: [false], affiliate: [false], gtagConfig: true, fbq: 'undefined' }],
      ['advertising', ['fbevents'], ['gtag', 'ga-collect', 'affiliate'], { analytics: [false, false], advertising: [true], affiliate: [false], gtagConfig: false, fbq: 'function' }],
      ['affiliate', ['affiliate'], ['gtag', 'ga-collect', 'fbevents', 'fb-tr'], { analytics: [false, false], advertising: [false], affiliate: [true], gtagConfig: false, fbq: 'undefined' }]
    ]
    for (const [cat, want, never, tags] of cases) {
      const t = await ctx()
      const page = await t.newPage()
      await page.goto(PAGES.snippets())
      await expectBanner(page)
      await bannerButton(page, 'Customize').click()
      const dialog = page.getByRole('dialog')
      await dialog.waitFor({ state: 'visible' })
      await toggle(dialog, catName(cat)).click()
      await dialog.getByRole('button', { name: 'Save preferences', exact: true }).click()
      await waitKinds(t, want)
      await idle(750)
      for (const k of never) expect(t.kinds(), `${k} must not load with only ${cat}:\n${fmtLog(t.trackers())}`).not.toContain(k)
      expect(await ran(page), `marked tags that ran with only ${cat} granted`).toEqual(tags)
      expectNoPageErrors(t)
      await t.close()
    }
  })

  test('5. withdraw: tracker cookies deleted on every domain level, one reload, nothing loads after', async () => {
    const t = await ctx()
    const page = await t.newPage()
    await page.goto(PAGES.onetag())
    await expectBanner(page)
    await bannerButton(page, 'Accept all').click()
    await waitKinds(t, ['gtag', 'fbevents', 'affiliate'])
    const reloadMark = t.log.length
    await page.reload()
    await waitKinds(t, ['gtag', 'fbevents', 'ga-collect', 'fb-tr'], reloadMark)
    const names = ['_ga', '_ga_TEST123', '_fbp']
    await expect
      .poll(async () => (await t.ctx.cookies()).map((c) => c.name), { timeout: 3000 })
      .toEqual(expect.arrayContaining(names))
    // Copies on every level where a tag may have written them.
    const base = { path: '/', sameSite: 'Lax' as const, expires: Math.floor(Date.now() / 1000) + 86400 }
    await t.ctx.addCookies([
      { name: '_ga', value: 'GA1.1.1.1', domain: '.shop.nanoconsent.test', ...base },
      { name: '_ga', value: 'GA1.1.2.2', domain: '.nanoconsent.test', ...base },
      { name: '_ga_TEST123', value: 'GS1.1.1', domain: '.shop.nanoconsent.test', ...base },
      { name: '_fbp', value: 'fb.1.1.1', domain: '.shop.nanoconsent.test', ...base },
      { name: '_fbp', value: 'fb.1.2.2', domain: '.nanoconsent.test', ...base }
    ])
    await page.evaluate(() => {
      document.cookie = '_ga=GA1.1.3.3; path=/' // host-only
      document.cookie = '_fbp=fb.1.3.3; path=/'
    })
    const before = (await t.ctx.cookies()).filter((c) => names.includes(c.name)).map((c) => `${c.name}@${c.domain}`)
    expect(before.length).toBeGreaterThanOrEqual(7)

    let navs = 0
    page.on('framenavigated', (f) => {
      if (f === page.mainFrame()) navs++
    })
    await page.locator('[data-nanoconsent="open-preferences"]').click()
    const dialog = page.getByRole('dialog')
    await dialog.waitFor({ state: 'visible' })
    const mark = t.log.length
    const reloaded = page.waitForEvent('load', { timeout: 10_000 })
    await dialog.getByRole('button', { name: 'Reject all', exact: true }).click()
    await reloaded.catch(() => {
      throw new Error('the page did not reload after a category was withdrawn (reloadOnRevoke defaults to true)')
    })
    await idle(1000)
    expect(navs, 'main-frame navigations after the withdrawal').toBe(1)
    const left = (await t.ctx.cookies()).filter((c) => names.includes(c.name)).map((c) => `${c.name}@${c.domain}`)
    expect(left, `tracker cookies left after withdrawal (before: ${before.join(', ')})`).toEqual([])
    expect(await consentCookie(t.ctx)).toBeTruthy()
    expect(await api.get(page)).toMatchObject({ decided: true, analytics: false, advertising: false, affiliate: false })
    expect(await bannerButton(page, 'Accept all').count(), 'banner after withdrawal').toBe(0)
    expectNoTrackers(t, mark, 'after withdrawal')
    expectNoPageErrors(t)
  })

  test('6. policy revision: a revision-1 choice is void on a revision-2 page', async () => {
    const t = await ctx()
    const page = await t.newPage()
    const r1 = suite.server.page('/t/rev1', oneTagPage({ revision: 1, title: 'Revision 1' }))
    const r2 = suite.server.page('/t/rev2', oneTagPage({ revision: 2, title: 'Revision 2' }))
    await page.goto(r1)
    await expectBanner(page)
    await bannerButton(page, 'Accept all').click()
    // Including the stubs' own follow-up hits, so none of them lands after the mark.
    await waitKinds(t, ['gtag', 'fbevents', 'affiliate', 'ga-collect', 'fb-tr'])
    const mark = t.log.length
    await page.goto(r2)
    await expectBanner(page)
    await idle(1000)
    expectNoTrackers(t, mark, 'on the revision-2 page before a new choice')
    expect(await api.get(page)).toMatchObject({ decided: false, analytics: false, advertising: false, affiliate: false })
    const revisionText = en()['banner.revision']
    expect(revisionText, 'locales/en.json banner.revision').toBeTruthy()
    await expect(page.getByText(revisionText!).isVisible(), 'revision notice in the banner').resolves.toBe(true)
    await bannerButton(page, 'Accept all').click()
    await waitKinds(t, ['gtag', 'fbevents', 'affiliate'], mark)
    expect((await api.record(page))?.revision).toBe(2)
    expectNoPageErrors(t)
  })

  test('7. corrupt or tampered consent cookies count as no consent', async () => {
    const t = await ctx()
    const page = await t.newPage()
    const url = PAGES.onetag()
    await page.goto(url)
    await expectBanner(page)
    await bannerButton(page, 'Accept all').click()
    await waitKinds(t, ['gtag'])
    const valid = (await consentCookie(t.ctx))!.value
    expect(valid.length).toBeGreaterThan(4)
    const bads = tamper(valid)
    // A well-formed, correctly signed value with a future timestamp: made by the SDK itself
    // on a page whose clock runs a year ahead (black box, whatever the codec's internals).
    {
      const ahead = await ctx()
      await ahead.ctx.clock.setFixedTime(Date.now() + 365 * 86400_000)
      const ap = await ahead.newPage()
      await ap.goto(url)
      await expectBanner(ap)
      await bannerButton(ap, 'Accept all').click()
      await expect.poll(() => consentCookie(ahead.ctx)).toBeTruthy()
      // Control: in its own (future) time frame the value is valid.
      await ap.reload()
      expect(await api.get(ap), 'the future-dated value is accepted by a page living in the future').toMatchObject({ decided: true, analytics: true })
      bads.push(['signed by a clock one year ahead (future timestamp)', (await consentCookie(ahead.ctx))!.value])
      await ahead.close()
    }
    const failures: string[] = []
    const one = async (w: Tracked, wp: typeof page, label: string, value: string) => {
      await w.ctx.clearCookies()
      if (/^[\x21-\x7e]*$/.test(value) && !/[",;\\]/.test(value)) {
        await w.ctx.addCookies([{ name: 'nanoconsent', value, url: suite.server.origin + '/' }])
      } else {
        // Through Chromium (Set-Cookie header), so any value Chromium accepts can be tested.
        const set = await wp.goto(`${suite.server.origin}/__setcookie?value=${encodeURIComponent(value)}`).catch((e) => e)
        if (!(set?.ok?.())) return failures.push(`${label}: could not set the cookie (${set?.status?.() ?? set})`)
      }
      if (!(await consentCookie(w.ctx))) return failures.push(`${label}: Chromium refused the cookie value, not a test of the SDK`)
      const mark = w.log.length
      const errs = w.pageErrors.length
      await wp.goto(url)
      try {
        await expectBanner(wp, 4000)
      } catch {
        failures.push(`${label} (${JSON.stringify(value.slice(0, 80))}): banner not shown; state ${JSON.stringify(await api.get(wp).catch(() => null))}`)
      }
      // Gating is decided synchronously by the loader, before the UI chunk even loads.
      await idle(100)
      const tr = w.trackers(mark)
      if (tr.length) failures.push(`${label}: tracker requests ${fmtLog(tr)}`)
      const st = await api.get(wp).catch(() => null)
      if (!st || st.decided !== false || st.analytics || st.advertising || st.affiliate)
        failures.push(`${label}: state ${JSON.stringify(st)}`)
      if (w.pageErrors.length > errs) failures.push(`${label}: page errors ${w.pageErrors.slice(errs).map((e) => e.error).join(' | ')}`)
    }
    // Three contexts in parallel (independent cookie jars) keep this test short.
    const queue = [...bads]
    await Promise.all(
      [0, 1, 2].map(async () => {
        const w = await ctx()
        const wp = await w.newPage()
        for (let c = queue.shift(); c; c = queue.shift()) await one(w, wp, c[0], c[1])
      })
    )
    // The pristine value is still accepted (the harness can set cookies).
    await t.ctx.clearCookies()
    await page.goto(`${suite.server.origin}/__setcookie?value=${encodeURIComponent(valid)}`)
    const mark = t.log.length
    await page.goto(url)
    await waitKinds(t, ['gtag'], mark)
    expect(failures, `the valid value was ${JSON.stringify(valid)}\n` + failures.join('\n')).toEqual([])
  })
})

/**
 * Bad variants of a valid cookie value. The format is opaque to this test on
 * purpose: it only relies on the value being a short printable string.
 */
export function tamper(valid: string): [string, string][] {
  const out: [string, string][] = []
  const flip = (s: string, i: number) => {
    const c = s[i]
    const alphabet = /[0-9]/.test(c) ? '0123456789' : /[a-z]/.test(c) ? 'abcdefghijklmnopqrstuvwxyz' : /[A-Z]/.test(c) ? 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' : 'xyz'
    const r = alphabet[(alphabet.indexOf(c) + 1) % alphabet.length] ?? 'x'
    return s.slice(0, i) + r + s.slice(i + 1)
  }
  const dec = (() => {
    try {
      return decodeURIComponent(valid)
    } catch {
      return valid
    }
  })()
  out.push(['garbage', 'garbage'])
  out.push(['empty-ish', '-'])
  out.push(['truncated half', valid.slice(0, Math.ceil(valid.length / 2))])
  out.push(['truncated last char', valid.slice(0, -1)])
  out.push(['trailing junk', valid + 'zz'])
  // Format 2 names the categories it answers: a changed name answers another category, so the
  // page's own is unanswered. (The random id and a past time carry no consent; editing them is
  // not tampering with what was granted.)
  out.push(['a category name changed', flip(valid, valid.lastIndexOf('|') + 2)])
  out.push(['one char changed (last)', flip(valid, valid.length - 1)])
  out.push(['JSON', encodeURIComponent(JSON.stringify({ necessary: true, analytics: true, advertising: true, affiliate: true, decided: true }))])
  out.push(['raw JSON', '{"analytics":true,"advertising":true}'])
  out.push(['huge', 'A'.repeat(3800)])
  out.push(['huge valid prefix', valid + 'A'.repeat(3000)])
  out.push(['%-encoding junk', '%E0%A4%A'])
  out.push(['%-junk 2', '%%%zz%'])
  out.push(['null', 'null'])
  out.push(['true', 'true'])
  out.push(['unicode', encodeURIComponent('✓✓✓')])
  // Structured edits when the value has separators: version, mask and timestamp fields.
  const sep = ['.', '|', '~', ':', '_', '!', '-'].find((s) => dec.includes(s))
  if (sep) {
    const parts = dec.split(sep)
    const enc = (p: string[]) => (dec === valid ? p.join(sep) : encodeURIComponent(p.join(sep)))
    out.push(['wrong version', enc([parts[0] === '9' ? '8' : '9', ...parts.slice(1)])])
    parts.forEach((p, i) => {
      if (i === 0) return
      if (/^[0-9a-z]{6,12}$/i.test(p) && i > 0) {
        // A time-like field (base36 seconds or ms): push it far into the future.
        const n = parseInt(p, 36)
        if (Number.isFinite(n) && n > 1e8) {
          const future = (n * 2).toString(36)
          out.push([`future timestamp (field ${i})`, enc(parts.map((q, j) => (j === i ? future : q)))])
        }
      }
      if (/^[0-9a-z]{1,4}$/i.test(p)) {
        const n = parseInt(p, 36)
        const edited = (n > 0 ? n - 1 : n + 1).toString(36)
        out.push([`edited field ${i} (mask/revision) ${p}->${edited}`, enc(parts.map((q, j) => (j === i ? edited : q)))])
      }
      if (i === 1 || i === parts.length - 1) out.push([`field ${i} dropped`, enc(parts.filter((_, j) => j !== i))])
    })
  }
  return out
}

