/**
 * DuckDuckGo's autoconsent, the engine behind its cookie pop-up management,
 * runs our rule (test/autoconsent/nanoconsent.json) against the banner the
 * way autoconsent's own Playwright runner (playwright/runner.ts) does: its
 * content script (dist/autoconsent.playwright.js) is evaluated in the page
 * and talks to this test through the `autoconsentSendMessage` binding; the
 * test answers `init` with the config and the rules (all of autoconsent's
 * shipped rules plus ours, so another rule claiming our banner would show),
 * `eval` with the result, and asks for the self-test once it is done.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { filterCompactRules, type ContentScriptMessage } from '@duckduckgo/autoconsent'
import { describe, expect, test } from 'vitest'
import type { Frame, Page } from 'playwright-core'
import { api, consentCookie, expectNoPageErrors, oneTagPage, ROOT, useSuite } from './harness'

const require = createRequire(import.meta.url)
const read = (file: string) => readFileSync(file, 'utf8')
// The package exports its entry, not its dist/ folder: the content script sits next to the entry.
const CONTENT_SCRIPT = read(join(dirname(require.resolve('@duckduckgo/autoconsent')), 'autoconsent.playwright.js'))
const COMPACT_RULES = JSON.parse(read(require.resolve('@duckduckgo/autoconsent/rules/compact-rules.json')))
const FULL_RULES = JSON.parse(read(require.resolve('@duckduckgo/autoconsent/rules/rules.json'))).autoconsent
const RULE = JSON.parse(read(join(ROOT, 'test', 'autoconsent', 'nanoconsent.json')))

const suite = useSuite()
type Action = 'optOut' | 'optIn'

/** Loads the page with autoconsent's content script and answers its messages; returns what it said. */
async function runAutoconsent(page: Page, url: string, action: Action) {
  const received: ContentScriptMessage[] = []
  let selfTestFrame: Frame | null = null
  const reply = (frame: Frame, message: unknown) => frame.evaluate(`autoconsentReceiveMessage(${JSON.stringify(message)})`)
  await page.exposeBinding('autoconsentSendMessage', async ({ frame }: { frame: Frame }, msg: ContentScriptMessage) => {
    received.push(msg)
    if (msg.type === 'init') {
      const mainFrame = frame.parentFrame() === null
      // As autoconsent's runner: full rules for opt-in (compact ones omit optIn steps), compact ones for opt-out.
      const rules =
        action === 'optIn'
          ? { autoconsent: [...FULL_RULES, RULE] }
          : { autoconsent: [RULE], compact: filterCompactRules(COMPACT_RULES, { url: frame.url(), mainFrame }) }
      const config = { enabled: true, autoAction: action, disabledCmps: [], enablePrehide: false, detectRetries: 20, enableCosmeticRules: true, visualTest: false }
      await reply(frame, { type: 'initResp', config, rules })
    } else if (msg.type === 'eval') {
      const result = await frame.evaluate(msg.code)
      await reply(frame, { id: msg.id, type: 'evalResp', result })
    } else if (msg.type === 'optOutResult' && msg.scheduleSelfTest) {
      selfTestFrame = frame
    } else if (msg.type === 'autoconsentDone' && selfTestFrame) {
      await reply(selfTestFrame, { type: 'selfTest' })
    }
  })
  await page.goto(url, { waitUntil: 'commit' })
  await page.evaluate(CONTENT_SCRIPT)
  return received
}

const byType = <T extends ContentScriptMessage['type']>(received: ContentScriptMessage[], type: T) =>
  received.filter((m) => m.type === type) as Extract<ContentScriptMessage, { type: T }>[]

async function waitFor(received: ContentScriptMessage[], type: ContentScriptMessage['type'], what: string) {
  await expect
    .poll(() => byType(received, type).length, { timeout: 20_000, interval: 100, message: `${what}: no ${type}; got ${JSON.stringify(received)}` })
    .toBeGreaterThan(0)
}

describe('privacy tools: DuckDuckGo autoconsent', () => {
  test('the rule has the shape of autoconsent’s rules/autoconsent/*.json', () => {
    const STEP = ['exists', 'visible', 'check', 'waitFor', 'waitForVisible', 'waitForThenClick', 'click', 'timeout', 'all', 'optional', 'if', 'then', 'else', 'any', 'negated', 'cookieContains', 'comment']
    const TOP = ['name', '_metadata', 'comment', 'prehideSelectors', 'runContext', 'detectCmp', 'detectPopup', 'optIn', 'optOut', 'test']
    expect(Object.keys(RULE).filter((k) => !TOP.includes(k))).toEqual([])
    for (const part of ['detectCmp', 'detectPopup', 'optIn', 'optOut', 'test']) {
      expect(Array.isArray(RULE[part]) && RULE[part].length > 0, part).toBe(true)
      for (const step of RULE[part]) expect(Object.keys(step).filter((k) => !STEP.includes(k)), part).toEqual([])
    }
    // Detection must not wait (autoconsent retries it itself), and no eval snippet is needed.
    expect(JSON.stringify([RULE.detectCmp, RULE.detectPopup])).not.toMatch(/wait|eval/)
    expect(JSON.stringify(RULE)).not.toMatch(/"eval"/)
    // The rule relies on the public contract only: the root id and data-action / data-consent, never our class names.
    expect(JSON.stringify(RULE)).not.toMatch(/\.nc-/)
  })

  for (const lang of ['en', 'fr', 'ar']) {
    test(`${lang}: detects the banner, opts out in one click (every category false, cookie written) and passes its self-test`, async () => {
      const t = await suite.ctx()
      const page = await t.newPage()
      const received = await runAutoconsent(page, suite.server.page(`/t/ac-out-${lang}`, oneTagPage({ lang })), 'optOut')
      await waitFor(received, 'selfTestResult', lang)
      const detected = byType(received, 'cmpDetected').map((m) => m.cmp)
      expect(detected, `${lang}: CMPs detected`).toEqual(['nanoconsent'])
      expect(byType(received, 'popupFound').map((m) => m.cmp)).toEqual(['nanoconsent'])
      expect(byType(received, 'optOutResult').map((m) => [m.cmp, m.result])).toEqual([['nanoconsent', true]])
      const done = byType(received, 'autoconsentDone')
      expect(done.map((m) => [m.cmp, m.totalClicks]), 'one action').toEqual([['nanoconsent', 1]])
      expect(byType(received, 'selfTestResult').map((m) => m.result), 'self-test').toEqual([true])
      expect(byType(received, 'autoconsentError')).toEqual([])

      expect(await api.get(page)).toEqual({ decided: true, necessary: true, preferences: false, analytics: false, advertising: false, affiliate: false })
      expect(await consentCookie(t.ctx), 'consent cookie written').toBeTruthy()
      expect((await api.record(page))?.method).toBe('reject-all')
      expect(await page.locator('#nanoconsent-root').getAttribute('data-consent')).toBe('necessary')
      expect(await page.locator('#nanoconsent-root [role="region"]').isVisible(), 'banner gone').toBe(false)
      expectNoPageErrors(t)
    })

    test(`${lang}: opts in when asked to`, async () => {
      const t = await suite.ctx()
      const page = await t.newPage()
      const received = await runAutoconsent(page, suite.server.page(`/t/ac-in-${lang}`, oneTagPage({ lang })), 'optIn')
      await waitFor(received, 'autoconsentDone', lang)
      expect(byType(received, 'cmpDetected').map((m) => m.cmp)).toEqual(['nanoconsent'])
      expect(byType(received, 'optInResult').map((m) => [m.cmp, m.result])).toEqual([['nanoconsent', true]])
      await expect.poll(() => api.get(page)).toEqual({ decided: true, necessary: true, preferences: true, analytics: true, advertising: true, affiliate: true })
      expect(await consentCookie(t.ctx)).toBeTruthy()
      expect(await page.locator('#nanoconsent-root').getAttribute('data-consent')).toBe('necessary preferences analytics advertising affiliate')
      expectNoPageErrors(t)
    })
  }
})
