/**
 * The consent cookie on an https origin: `Secure`, and `cookieDomain` on
 * write and on removal. The test server answers the same pages over TLS
 * with a self-signed `*.nanoconsent.test` certificate (test/browser/tls),
 * which Chromium accepts under --ignore-certificate-errors.
 */
import { describe, expect, test } from 'vitest'
import { api, bannerButton, consentCookie, expectBanner, expectNoPageErrors, idle, oneTagPage, useSuite, waitKinds } from './harness'

const suite = useSuite()

/** A page registered on the server, at its https URL (and host, when given). */
const securePage = (path: string, html: string, host?: string) => {
  const url = new URL(suite.server.page(path, html).replace(suite.server.origin, suite.server.httpsOrigin))
  if (host) url.hostname = host
  return url.href
}

const consentCookies = async (t: Awaited<ReturnType<typeof suite.ctx>>) => (await t.ctx.cookies()).filter((c) => c.name === 'nanoconsent')

describe('https', () => {
  test('the consent cookie is Secure, SameSite=Lax, on / of the page host; on http it is not Secure', async () => {
    const t = await suite.ctx()
    const page = await t.newPage()
    await page.goto(securePage('/tls/plain', oneTagPage()))
    expect(await page.evaluate(() => location.protocol)).toBe('https:')
    await expectBanner(page)
    await bannerButton(page, 'Accept all').click()
    await expect.poll(() => consentCookie(t.ctx)).toBeTruthy()
    expect(await consentCookie(t.ctx)).toMatchObject({ domain: 'www.shop.nanoconsent.test', path: '/', secure: true, sameSite: 'Lax' })
    await waitKinds(t, ['gtag'])
    expectNoPageErrors(t)

    // The same page over http: a Secure cookie could not be written there at all.
    const plain = await suite.ctx()
    const p = await plain.newPage()
    await p.goto(suite.server.page('/tls/plain', oneTagPage()))
    await expectBanner(p)
    await bannerButton(p, 'Reject all').click()
    await expect.poll(() => consentCookie(plain.ctx)).toBeTruthy()
    expect(await consentCookie(plain.ctx)).toMatchObject({ domain: 'www.shop.nanoconsent.test', secure: false })
  })

  test('cookieDomain: written there (Secure), another subdomain sees the choice, and reset() removes it', async () => {
    const config = { integrations: { affiliate: { pixels: ['https://aff.example/px.gif?click={click}'] } }, cookieDomain: '.nanoconsent.test' }
    const t = await suite.ctx()
    const page = await t.newPage()
    await page.goto(securePage('/tls/domain', oneTagPage({ config })))
    await expectBanner(page)
    await bannerButton(page, 'Accept all').click()
    await expect.poll(async () => (await consentCookies(t)).map((c) => `${c.domain} secure=${c.secure}`)).toEqual(['.nanoconsent.test secure=true'])

    // Another site of the same domain reads the same choice: no banner there.
    const blog = await t.newPage()
    await blog.goto(securePage('/tls/domain', oneTagPage({ config }), 'blog.nanoconsent.test'))
    await expect.poll(() => api.get(blog).then((s) => s.decided)).toBe(true)
    await idle(300)
    expect(await bannerButton(blog, 'Accept all').count(), 'banner on the other subdomain').toBe(0)
    expect(await api.get(blog)).toMatchObject({ analytics: true, advertising: true })

    // reset() forgets the choice: the cookie at cookieDomain goes too.
    await page.evaluate(() => (window as any).nanoconsent.reset())
    await expectBanner(page)
    await expect.poll(() => consentCookies(t), { message: 'consent cookies left after reset()' }).toEqual([])
    expectNoPageErrors(t)
  })
})
