// One measured page load in a fresh browser context (cold HTTP cache), with
// the in-page probe installed, a CPU profile, and optionally a click on the
// banner's "Accept all" or "Reject all".
import { probe } from './probe.mjs'
import { attributed, selfTime } from './profile.mjs'

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms))
const GTAG_PREFIX = 'https://www.googletagmanager.com/gtag/js'
// After the measured moment: lets late layout shifts land, late chunk
// requests finish and Event Timing entries (queued after the next paint) arrive.
const SETTLE_MS = 200

/** Signals the probe sends through the `__benchSignal` binding; each one is latched. */
function signals(cdp, timeout) {
  const fired = new Set()
  const waiting = new Map()
  cdp.on('Runtime.bindingCalled', ({ name, payload }) => {
    if (name !== '__benchSignal') return
    fired.add(payload)
    for (const ok of waiting.get(payload) ?? []) ok()
  })
  return {
    // Runtime must be enabled on this session for bindingCalled to reach it.
    install: () => cdp.send('Runtime.enable').then(() => cdp.send('Runtime.addBinding', { name: '__benchSignal' })),
    wait: (what) =>
      fired.has(what)
        ? Promise.resolve()
        : new Promise((ok, fail) => {
            const timer = setTimeout(() => fail(new Error(`bench: no "${what}" from the page within ${timeout} ms`)), timeout)
            waiting.set(what, [...(waiting.get(what) ?? []), () => (clearTimeout(timer), ok())])
          })
  }
}

/**
 * @param {{ browser: import('playwright-core').Browser, server: any, tools: any,
 *   network: object, cpuRate: number, timeout: number }} env
 */
export function visitor({ browser, server, tools, network, cpuRate: defaultRate, timeout }) {
  async function newContext(storageState) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, storageState })
    // Nothing leaves the machine: GA4 gets a stub, anything else off-host a 204.
    await context.route(
      (url) => !url.href.startsWith(server.origin),
      (route) =>
        route.request().url().startsWith(GTAG_PREFIX)
          ? route.fulfill({ status: 200, contentType: 'text/javascript', body: '/* gtag stub */' })
          : route.fulfill({ status: 204, body: '' })
    )
    return context
  }

  /**
   * `first`: no consent yet, so the load ends when the banner's buttons are
   * visible. `choose`: then click "Accept all" (`accept`, which waits for the
   * GA4 request) or "Reject all" (`reject`). `keep`: then return the storage
   * state holding the consent. `analytics`: a returning visit that must
   * request GA4, whose load ends when it has.
   */
  async function visit(name, { first, choose = null, keep = false, analytics = false, storageState, throttle = true, cpuRate = defaultRate }) {
    const tool = tools[name]
    const context = await newContext(storageState)
    await context.addInitScript({ content: probe(tool) })
    const page = await context.newPage()
    try {
      // Same-origin blank page first, so the renderer (and the CDP domains set
      // up below) stays the same across the measured navigation.
      await page.goto(`${server.origin}/blank.html`)
      const cdp = await context.newCDPSession(page)
      const signal = signals(cdp, timeout)
      await signal.install()
      await cdp.send('Network.enable')
      await cdp.send('Performance.enable')
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
      if (throttle) {
        await cdp.send('Network.emulateNetworkConditions', network)
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuRate })
      }
      const metric = async (key) =>
        (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === key)?.value ?? 0
      const script0 = await metric('ScriptDuration')
      server.reset()
      await cdp.send('Profiler.start')
      await page.goto(`${server.origin}/site/${name}.html`, { waitUntil: 'load', timeout })
      if (first && tool.findButtons) await signal.wait('banner')
      if (analytics) await signal.wait('analytics')
      const { profile } = await cdp.send('Profiler.stop')
      const scriptMs = ((await metric('ScriptDuration')) - script0) * 1000
      await sleep(SETTLE_MS)
      // Everything the tool fetched for the visit (before any click).
      const bytes = server.bytes(tool.prefix)
      const files = server.files(tool.prefix)
      const b = await page.evaluate(() => ({ ...window.__bench, load: performance.getEntriesByType('navigation')[0].loadEventStart }))
      const own = b.resources.filter((r) => r.name.startsWith(server.origin + tool.prefix))
      const result = {
        bytes,
        files,
        bannerMs: b.bannerAt,
        bytesBeforeBanner: b.bannerAt === null ? null : own.filter((r) => r.end <= b.bannerAt).reduce((s, r) => s + r.bytes, 0),
        // Every tool runs some script on every visit; a profile without a single
        // sample in it lost the renderer (a process swap) and is left out.
        toolMs: tool.findButtons ? attributed(profile, server.origin + tool.prefix) || null : 0,
        // The script-tag loader alone, for its own target; its chunks are separate files.
        loaderMs: tool.prefix === '/nanoconsent/' ? selfTime(profile, `${server.origin}/nanoconsent/nanoconsent.js`) : null,
        scriptMs,
        longTasks: b.longTasks.length,
        longTaskMs: b.longTasks.reduce((s, d) => s + d, 0),
        cls: b.cls,
        loadMs: b.load,
        analyticsAtLoadMs: b.analyticsAt
      }
      if (!first && tool.findButtons && b.bannerAt !== null) throw new Error(`${name}: banner shown on a returning visit`)
      if (!choose) return { result }

      // The click goes through CDP Input at the button's centre, as a person's
      // would, without Playwright's actionability checks running in the page.
      const point = await page.evaluate((which) => window.__benchPoint(which), choose)
      await page.mouse.click(point.x, point.y)
      await signal.wait('painted')
      if (choose === 'accept') await signal.wait('analytics')
      await sleep(SETTLE_MS)
      const a = await page.evaluate(() => window.__bench)
      // One interaction happens on the page, so every entry belongs to it;
      // without an entry it took under the API's 16 ms threshold.
      result.inpMs = a.events.length ? Math.max(...a.events.map((e) => e.duration)) : null
      result.clickPaintMs = a.clickPaintAt - a.clickStamp
      if (choose === 'accept') result.acceptMs = a.analyticsAt - a.clickAt
      if (!keep) return { result }
      // The choice is written by the tool's own code, maybe after a chunk loads.
      for (let t = 0; (await context.cookies()).length === 0; t += 50) {
        if (t > timeout) throw new Error(`${name}: no consent cookie after "${choose}"`)
        await sleep(50)
      }
      return { result, state: await context.storageState() }
    } finally {
      await context.close()
    }
  }
  return visit
}
