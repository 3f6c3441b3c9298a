/**
 * The dataLayer a tag manager reads, pinned: what nanoconsent (and the GA4
 * integration) push on a first visit, after Accept all, after Reject all,
 * and on the returning visits that follow, compared with the reviewed
 * golden file test/browser/golden/datalayer.json. GTM triggers and
 * variables are built against this sequence, so any change to it is a
 * change of the public contract: review the diff, then regenerate on
 * purpose with
 *
 *   UPDATE_GOLDEN=1 npx vitest run --project browser test/browser/datalayer.test.ts
 *
 * (after `npm run build`), and commit the new file with the reason.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, describe, expect, test } from 'vitest'
import { bannerButton, expectBanner, expectNoPageErrors, idle, oneTagPage, ROOT, useSuite, waitKinds } from './harness'

const suite = useSuite()
const GOLDEN = join(ROOT, 'test', 'browser', 'golden', 'datalayer.json')
const UPDATE = process.env.UPDATE_GOLDEN == '1'

type Entry = unknown
const captured: Record<string, Entry[]> = {}

/** The page's dataLayer as JSON: a gtag `arguments` object as `{ gtag: [...] }`, a Date as "<Date>". */
const dataLayer = (page: Page): Promise<Entry[]> =>
  page.evaluate(() =>
    ((window as any).dataLayer as unknown[]).map((e) => {
      const plain = (v: unknown): unknown =>
        v instanceof Date ? '<Date>' : Array.isArray(v) ? v.map(plain) : v && typeof v == 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)])) : v
      return Object.prototype.toString.call(e) === '[object Arguments]' ? { gtag: plain(Array.from(e as ArrayLike<unknown>)) } : plain(e)
    })
  )

/** The dataLayer once the page is quiet: nothing pushed for 300 ms. */
async function settled(page: Page): Promise<Entry[]> {
  let before = -1
  for (let n = await page.evaluate(() => (window as any).dataLayer.length); n != before; n = await page.evaluate(() => (window as any).dataLayer.length)) {
    before = n
    await idle(300)
  }
  return dataLayer(page)
}

const golden = (): Record<string, Entry[]> => (existsSync(GOLDEN) ? JSON.parse(readFileSync(GOLDEN, 'utf8')) : {})

/** Compares one visit with the golden file, or records it when regenerating. */
function pin(name: string, entries: Entry[]) {
  captured[name] = entries
  if (UPDATE) return
  expect(entries, `dataLayer of "${name}" differs from test/browser/golden/datalayer.json (regenerate on purpose: UPDATE_GOLDEN=1)`).toEqual(golden()[name])
}

/** One entry per line, so a change shows as a readable diff in review. */
afterAll(() => {
  if (!UPDATE) return
  const body = Object.entries(captured)
    .map(([name, list]) => `  ${JSON.stringify(name)}: [\n${list.map((e) => `    ${JSON.stringify(e)}`).join(',\n')}\n  ]`)
    .join(',\n')
  mkdirSync(dirname(GOLDEN), { recursive: true })
  writeFileSync(GOLDEN, `{\n${body}\n}\n`)
  console.info(`wrote ${GOLDEN}: review the diff before committing`)
})

// GA4 by its id and the Meta pixel on the tag, affiliate pixels in the JSON block: every vendor.
const page = () => suite.server.page('/dl/shop', oneTagPage({ title: 'dataLayer' }))
const isEvent = (name: string) => (e: Entry) => Object(e).event === name
const isUpdate = (e: Entry) => Object(e).gtag?.[0] === 'consent' && Object(e).gtag?.[1] === 'update'

describe('the dataLayer sequence (golden file)', () => {
  test('first visit, then Accept all, then a returning visit', async () => {
    const t = await suite.ctx()
    const p = await t.newPage()
    await p.goto(page())
    await expectBanner(p)
    pin('first visit', await settled(p))
    await bannerButton(p, 'Accept all').click()
    await waitKinds(t, ['gtag'])
    const accepted = await settled(p)
    pin('first visit, then Accept all', accepted)
    // The README's promise GTM triggers rely on: the Consent Mode update, then the events, then gtag config.
    const order = [isUpdate, isEvent('nanoconsent_consent'), isEvent('nanoconsent_update'), (e: Entry) => Object(e).gtag?.[0] === 'config'].map((f) => accepted.findIndex(f))
    expect(order.every((i, n) => i >= 0 && (n == 0 || i > order[n - 1]!)), `update < nanoconsent_consent < nanoconsent_update < config: ${order}`).toBe(true)
    await p.reload()
    await waitKinds(t, ['gtag'])
    pin('returning visit after Accept all', await settled(p))
    expectNoPageErrors(t)
  })

  test('first visit, then Reject all, then a returning visit', async () => {
    const t = await suite.ctx()
    const p = await t.newPage()
    await p.goto(page())
    await expectBanner(p)
    await bannerButton(p, 'Reject all').click()
    const rejected = await settled(p)
    pin('first visit, then Reject all', rejected)
    expect(rejected.findIndex(isUpdate), 'the update before nanoconsent_update').toBeLessThan(rejected.findIndex(isEvent('nanoconsent_update')))
    await p.reload()
    await p.waitForFunction(() => (window as any).nanoconsent?.get().decided === true)
    pin('returning visit after Reject all', await settled(p))
    expectNoPageErrors(t)
  })
})
