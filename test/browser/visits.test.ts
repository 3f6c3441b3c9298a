/**
 * The files each kind of visit downloads from dist/, as test/visits.mjs lists
 * them for the size budgets (test/size.mjs): a budget over the wrong list of
 * files would hold nothing.
 */
import type { Page } from 'playwright-core'
import { describe, expect, test } from 'vitest'
import { VISITS } from '../visits.mjs'
import { bannerButton, expectBanner, idle, oneTagPage, type Tracked, useSuite, waitKinds } from './harness'

const suite = useSuite()
const listed = (name: string): string[] => [...VISITS.find((v) => v.name == name)!.files].sort()
/** The dist/ files requested since log index `from`. */
const fetched = (t: Tracked, from: number) => [...new Set(t.log.slice(from).filter((l) => l.kind == 'local' && l.url.includes('/dist/')).map((l) => new URL(l.url).pathname.slice(6)))].sort()

/** Loads `url` and waits until the page has fetched all it will: the loader's, the UI's and the gate's work done. */
async function visit(p: Page, url: string) {
  await p.goto(url)
  await p.waitForLoadState('load')
  await idle(1500)
}

describe('what a visit downloads', () => {
  test('first visit, Accept all, returning; then Reject all and returning: the lists of test/visits.mjs', async () => {
    const t = await suite.ctx()
    const p = await t.newPage()
    const url = suite.server.page('/visits', oneTagPage())
    await visit(p, url)
    await expectBanner(p)
    expect(fetched(t, 0), 'first visit').toEqual(listed('first visit (banner shown)'))
    let mark = t.log.length
    await bannerButton(p, 'Accept all').click()
    await waitKinds(t, ['gtag'], mark)
    await idle(500)
    expect(fetched(t, mark), 'Accept all on the first visit adds nothing').toEqual([])
    mark = t.log.length
    await visit(p, url)
    expect(fetched(t, mark), 'returning, something granted').toEqual(listed('returning, something granted'))
    const reloaded = p.waitForEvent('load')
    await p.evaluate(() => void (window as any).nanoconsent.rejectAll())
    await reloaded
    mark = t.log.length
    await visit(p, url)
    expect(fetched(t, mark), 'returning, nothing granted').toEqual(listed('returning, nothing granted'))
  })
})
