// Loads one small site with nanoconsent, vanilla-cookieconsent and Klaro in
// headless Chromium, alternating A B C (and a no-tool baseline) for N rounds,
// and prints a Markdown table of medians (min–max). It also rewrites the
// generated part of test/bench/RESULTS.md. Not part of `npm test`: timings
// never decide pass or fail.
//
//   npm run bench                 15 rounds
//   BENCH_RUNS=5 npm run bench    or: node test/bench/run.mjs --runs 5
//   BENCH_TOOLS=vcc,klaro node test/bench/run.mjs   (a subset; baseline always runs)
import { CHROMIUM, CHROMIUM_ARGS } from '../chromium.mjs'
import { readFileSync, writeFileSync, existsSync, cpSync, mkdtempSync, rmSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { cpus, tmpdir } from 'node:os'
import { fileURLToPath } from 'node:url'
import { dirname, join, resolve } from 'node:path'
import { chromium } from 'playwright-core'
import { startServer } from './server.mjs'
import { tools, siteCss } from './site.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const repo = resolve(here, '../..')
const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : undefined
}
const RUNS = Number(arg('runs') ?? process.env.BENCH_RUNS ?? 15)
const wanted = (arg('tools') ?? process.env.BENCH_TOOLS ?? 'nanoconsent,vcc,klaro').split(',')
const names = [...wanted.filter((t) => t in tools && t !== 'baseline'), 'baseline']
const TIMEOUT = 30_000

// The conditions of every measured load.
const NETWORK = { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 }
const CPU_RATE = 4

if (names.includes('nanoconsent') && !existsSync(join(repo, 'dist/nanoconsent.js'))) {
  console.error('dist/nanoconsent.js is missing: run `npm run build` (npm run bench does).')
  process.exit(1)
}

// ---------------------------------------------------------------- in the page
// Installed before any page script. Records when the banner is first rendered
// with a nonzero size (checked every animation frame, so "visible" means "in a
// frame that can be painted"), layout shifts, long tasks, the first click and
// the first request for the GA4 script.
const probe = (findBanner) => `(() => {
  const b = (window.__bench = { bannerAt: null, cls: 0, longTasks: [], clickAt: null, analyticsAt: null })
  const observe = (type, fn) => {
    try { new PerformanceObserver((list) => list.getEntries().forEach(fn)).observe({ type, buffered: true }) } catch {}
  }
  observe('layout-shift', (e) => { if (!e.hadRecentInput) b.cls += e.value })
  observe('longtask', (e) => b.longTasks.push(e.duration))
  observe('resource', (e) => {
    if (b.analyticsAt === null && e.name.startsWith('https://www.googletagmanager.com/gtag/js')) b.analyticsAt = e.startTime
  })
  addEventListener('click', () => { if (b.clickAt === null) b.clickAt = performance.now() }, true)
  const find = ${findBanner ?? 'null'}
  if (!find) return
  const shown = (el) => {
    if (!el || !el.isConnected) return false
    const r = el.getBoundingClientRect()
    if (r.width <= 0 || r.height <= 0) return false
    const s = getComputedStyle(el)
    return s.display !== 'none' && s.visibility !== 'hidden' && Number(s.opacity) > 0
  }
  const check = () => {
    if (shown(find())) b.bannerAt = performance.now()
    else requestAnimationFrame(check)
  }
  requestAnimationFrame(check)
})()`

// ------------------------------------------------------------------- helpers
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms))

/** Main-thread time (ms) of samples with one of `prefix`'s scripts anywhere on the stack. */
function attributed(profile, prefix) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const memo = new Map()
  const ours = (id) => {
    if (memo.has(id)) return memo.get(id)
    const n = byId.get(id)
    const hit = n.callFrame.url.startsWith(prefix) || (parent.has(id) && ours(parent.get(id)))
    memo.set(id, hit)
    return hit
  }
  let us = 0
  const { samples, timeDeltas } = profile
  for (let i = 0; i < samples.length; i++) {
    // A sample stands for the time until the next one.
    const dt = timeDeltas[i + 1] ?? 0
    if (ours(samples[i])) us += dt
  }
  return us / 1000
}

/**
 * Main-thread time (ms) spent in one script file itself: samples whose
 * innermost frame with a URL is in `url`. Native work the file calls (DOM,
 * JSON, regexps) has no URL and counts for it; code of other files that it
 * calls (a chunk's function run from its promise callback) counts for them.
 */
function selfTime(profile, url) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const owner = (id) => {
    for (let n = byId.get(id); n; n = byId.get(parent.get(n.id))) if (n.callFrame.url) return n.callFrame.url
    return ''
  }
  let us = 0
  const { samples, timeDeltas } = profile
  for (let i = 0; i < samples.length; i++) if (owner(samples[i]) === url) us += timeDeltas[i + 1] ?? 0
  return us / 1000
}

// ---------------------------------------------------------------------- main
// Serve a snapshot of dist/, so a rebuild during the run cannot mix versions.
const snapshot = mkdtempSync(join(tmpdir(), 'nanoconsent-bench-'))
if (existsSync(join(repo, 'dist'))) cpSync(join(repo, 'dist'), snapshot, { recursive: true })
process.on('exit', () => rmSync(snapshot, { recursive: true, force: true }))
const server = await startServer({
  mounts: {
    '/nanoconsent/': snapshot + '/',
    '/vcc/': join(repo, 'node_modules/vanilla-cookieconsent/dist') + '/',
    '/klaro/': join(repo, 'node_modules/klaro/dist') + '/'
  },
  pages: {
    '/blank.html': '<!doctype html><title>blank</title>',
    '/site/site.css': siteCss,
    ...Object.fromEntries(names.map((n) => [`/site/${n}.html`, tools[n].html]))
  }
})
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })

async function newContext(storageState) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, storageState })
  // Nothing leaves the machine: GA4 gets a stub, anything else off-host a 204.
  await context.route(
    (url) => !url.href.startsWith(server.origin),
    (route) =>
      route.request().url().startsWith('https://www.googletagmanager.com/gtag/js')
        ? route.fulfill({ status: 200, contentType: 'text/javascript', body: '/* gtag stub */' })
        : route.fulfill({ status: 204, body: '' })
  )
  return context
}

/**
 * One measured load. `first`: no consent yet, so wait for the banner, then
 * click its "Accept all" and time the GA4 request. Returns the figures and,
 * for a first visit, the storage state holding the consent.
 */
async function visit(name, { first, storageState, throttle = true, cpuRate = CPU_RATE }) {
  const tool = tools[name]
  const context = await newContext(storageState)
  await context.addInitScript({ content: probe(tool.findBanner) })
  const page = await context.newPage()
  try {
    // Same-origin blank page first, so the renderer (and the CDP domains set up
    // below) stays the same across the measured navigation.
    await page.goto(`${server.origin}/blank.html`)
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Performance.enable')
    await cdp.send('Profiler.enable')
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
    if (throttle) {
      await cdp.send('Network.emulateNetworkConditions', NETWORK)
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuRate })
    }
    const metric = async (key) =>
      (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === key)?.value ?? 0
    const script0 = await metric('ScriptDuration')
    server.reset()
    await cdp.send('Profiler.start')
    await page.goto(`${server.origin}/site/${name}.html`, { waitUntil: 'load', timeout: TIMEOUT })
    if (first && tool.findBanner) {
      await page.waitForFunction(() => window.__bench.bannerAt !== null, null, { timeout: TIMEOUT, polling: 100 })
    }
    const { profile } = await cdp.send('Profiler.stop')
    const scriptMs = ((await metric('ScriptDuration')) - script0) * 1000
    await sleep(500) // let late layout shifts land, and late chunk requests finish
    // Everything the tool fetched for the visit (before any click).
    const bytes = server.bytes(tool.prefix)
    const files = server.files(tool.prefix)
    const b = await page.evaluate(() => ({ ...window.__bench, load: performance.getEntriesByType('navigation')[0].loadEventStart }))
    const result = {
      bytes,
      files,
      bannerMs: b.bannerAt,
      // Every tool runs some script on every visit; a profile without a single
      // sample in it lost the renderer (a process swap) and is left out.
      toolMs: tool.findBanner ? attributed(profile, server.origin + tool.prefix) || null : 0,
      // The script-tag loader alone, for its own target; its chunks are separate files.
      loaderMs: name == 'nanoconsent' ? selfTime(profile, `${server.origin}${tool.prefix}nanoconsent.js`) : null,
      scriptMs,
      longTasks: b.longTasks.length,
      longTaskMs: b.longTasks.reduce((s, d) => s + d, 0),
      cls: b.cls,
      loadMs: b.load,
      analyticsAtLoadMs: b.analyticsAt
    }
    let state
    if (first && tool.accept) {
      await tool.accept(page).click({ timeout: TIMEOUT })
      await page.waitForFunction(() => window.__bench.analyticsAt !== null, null, { timeout: TIMEOUT, polling: 50 })
      const a = await page.evaluate(() => window.__bench)
      result.acceptMs = a.analyticsAt - a.clickAt
      state = await context.storageState()
    }
    if (!first && tool.findBanner && b.bannerAt !== null) throw new Error(`${name}: banner shown on a returning visit`)
    return { result, state }
  } finally {
    await context.close()
  }
}

// Warm-up: one unthrottled first visit per tool, whose "Accept all" gives the
// consent the returning visits reuse (cookies and localStorage).
const consent = {}
for (const name of names) {
  const { state } = await visit(name, { first: true, throttle: false })
  consent[name] = state
}

const runs = Object.fromEntries(names.map((n) => [n, { first: [], returning: [], returning1x: [] }]))
for (let r = 0; r < RUNS; r++) {
  for (const name of names) runs[name].first.push((await visit(name, { first: true })).result)
  for (const name of names) runs[name].returning.push((await visit(name, { first: false, storageState: consent[name] })).result)
  // The same returning visit without CPU throttling: a steadier view of small
  // amounts of script time, which 4× throttling makes lumpy (its pauses land
  // in whatever script runs at the time).
  for (const name of names) {
    runs[name].returning1x.push((await visit(name, { first: false, storageState: consent[name], cpuRate: 1 })).result)
  }
  process.stderr.write(`round ${r + 1}/${RUNS}\n`)
}
const chromiumVersion = browser.version()
await browser.close()
await server.close()

// -------------------------------------------------------------------- report
const peers = names.filter((n) => n !== 'baseline')
const stat = (name, visitKind, pick) => {
  const xs = runs[name][visitKind].map(pick).filter((x) => typeof x === 'number' && Number.isFinite(x))
  return xs.length ? { med: median(xs), min: Math.min(...xs), max: Math.max(...xs) } : null
}
const baseScript = {
  first: stat('baseline', 'first', (x) => x.scriptMs)?.med ?? 0,
  returning: stat('baseline', 'returning', (x) => x.scriptMs)?.med ?? 0
}
const rows = [
  ['First visit: tool JS+CSS(+locale JSON) transferred, gzip bytes', 'first', (x) => x.bytes, 0],
  ['First visit: navigation start → banner visible, ms', 'first', (x) => x.bannerMs, 0],
  ['First visit: main-thread ms in tool scripts (CPU profile)', 'first', (x) => x.toolMs, 1],
  ['First visit: ScriptDuration over no-tool page, ms', 'first', (x) => x.scriptMs - baseScript.first, 1],
  ['First visit: long tasks > 50 ms (count)', 'first', (x) => x.longTasks, 0],
  ['First visit: long tasks > 50 ms (total ms)', 'first', (x) => x.longTaskMs, 0],
  ['First visit: cumulative layout shift', 'first', (x) => x.cls, 3],
  ['First visit: click "Accept all" → GA4 requested, ms', 'first', (x) => x.acceptMs, 0],
  ['Returning visit: tool JS+CSS transferred, gzip bytes', 'returning', (x) => x.bytes, 0],
  ['Returning visit: main-thread ms in tool scripts (CPU profile)', 'returning', (x) => x.toolMs, 1],
  ['Returning visit: main-thread ms in the loader file itself (nanoconsent.js, self time)', 'returning', (x) => x.loaderMs, 2],
  ['Returning visit: ScriptDuration over no-tool page, ms', 'returning', (x) => x.scriptMs - baseScript.returning, 1],
  ['Returning visit, CPU not throttled: main-thread ms in tool scripts', 'returning1x', (x) => x.toolMs, 1],
  ['Returning visit: long tasks > 50 ms (count)', 'returning', (x) => x.longTasks, 0],
  ['Returning visit: cumulative layout shift', 'returning', (x) => x.cls, 3],
  ['Returning visit: navigation start → GA4 requested, ms', 'returning', (x) => x.analyticsAtLoadMs, 0]
]
const fmt = (v, d) => (v === null ? 'n/a' : v.toFixed(d))
const cell = (s, d) => (s ? (s.min === s.max ? fmt(s.med, d) : `${fmt(s.med, d)} (${fmt(s.min, d)}–${fmt(s.max, d)})`) : 'n/a')
const ratio = (a, b) => (a && b && b.med !== 0 ? `${(a.med / b.med).toFixed(2)}×` : 'n/a')
const others = peers.filter((p) => p !== 'nanoconsent')
const hasNano = peers.includes('nanoconsent')
const header = [
  'figure',
  ...peers.map((p) => tools[p].label),
  'no tool',
  ...(hasNano ? others.map((p) => `nanoconsent / ${tools[p].label}`) : [])
]
const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i ? ' ---: ' : ' --- ')).join('|')}|`]
const figures = {}
for (const [label, kind, pick, d] of rows) {
  const s = Object.fromEntries(names.map((n) => [n, stat(n, kind, pick)]))
  figures[label] = s
  const base = /ScriptDuration over|main-thread ms in tool|bytes|banner|Accept all/.test(label) ? '—' : cell(s.baseline, d)
  lines.push(
    `| ${label} | ${peers.map((p) => cell(s[p], d)).join(' | ')} | ${base} | ${hasNano ? others.map((p) => ratio(s.nanoconsent, s[p])).join(' | ') : ''} |`.replace(/ \|  \|$/, ' |')
  )
}
const table = lines.join('\n')

// Targets, checked against the medians.
const verdicts = []
if (hasNano && peers.includes('vcc')) {
  const f = (label, t) => figures[label][t]?.med
  const rb = f('Returning visit: tool JS+CSS transferred, gzip bytes', 'nanoconsent')
  const vb = f('Returning visit: tool JS+CSS transferred, gzip bytes', 'vcc')
  verdicts.push(`- Returning-visit bytes ≤ ¼ of vanilla-cookieconsent's: ${rb} vs ${vb / 4} allowed → ${rb <= vb / 4 ? 'met' : `missed by ${rb - vb / 4} B`}`)
  const nt = f('First visit: navigation start → banner visible, ms', 'nanoconsent')
  const vt = f('First visit: navigation start → banner visible, ms', 'vcc')
  verdicts.push(`- First-visit banner no slower than vanilla-cookieconsent's: ${nt.toFixed(0)} ms vs ${vt.toFixed(0)} ms → ${nt <= vt ? 'met' : `missed by ${(nt - vt).toFixed(0)} ms`}`)
  const lm = f('Returning visit: main-thread ms in the loader file itself (nanoconsent.js, self time)', 'nanoconsent')
  verdicts.push(`- Loader main-thread time < 2 ms at ${CPU_RATE}× throttling (returning visit, CPU profile of nanoconsent.js): ${lm.toFixed(1)} ms → ${lm < 2 ? 'met' : `missed by ${(lm - 2).toFixed(1)} ms`}`)
}

const node = process.version
const cpu = (readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) ?? [])[1] ?? cpus()[0]?.model
const versions = Object.fromEntries(
  ['vanilla-cookieconsent', 'klaro'].map((p) => [p, JSON.parse(readFileSync(join(repo, 'node_modules', p, 'package.json'), 'utf8')).version])
)
let commit = ''
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim()
} catch {}
const machine = `${cpu}, ${cpus().length} cores; Chromium ${chromiumVersion}; Node ${node}`
const generated = [
  `Run of ${new Date().toISOString().slice(0, 10)} (${RUNS} rounds, alternating ${names.join(', ')}; working tree at ${commit || 'unknown commit'}).`,
  '',
  `Machine: ${machine}.`,
  `Peers: vanilla-cookieconsent ${versions['vanilla-cookieconsent']}, Klaro ${versions.klaro}.`,
  `Conditions: latency ${NETWORK.latency} ms, ${NETWORK.downloadThroughput} B/s down, ${NETWORK.uploadThroughput} B/s up, CPU ${CPU_RATE}× slower; gzip -9 served; fresh browser context (cold HTTP cache) per load.`,
  '',
  'Median (min–max). Ratios are of medians.',
  '',
  table,
  '',
  ...(verdicts.length ? ['Targets (medians):', '', ...verdicts, ''] : []),
  'Files the tools transferred (any run):',
  '',
  ...peers.flatMap((p) => [
    `- ${tools[p].label}, first visit: ${[...new Set(runs[p].first.flatMap((x) => x.files))].join(', ')}`,
    `- ${tools[p].label}, returning visit: ${[...new Set(runs[p].returning.flatMap((x) => x.files))].join(', ')}`
  ])
].join('\n')

console.log(generated)

const resultsFile = join(here, 'RESULTS.md')
const begin = '<!-- bench:begin (generated by test/bench/run.mjs; edit outside these markers) -->'
const end = '<!-- bench:end -->'
let doc = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : `# Benchmark results\n\n${begin}\n${end}\n`
const i = doc.indexOf(begin)
const j = doc.indexOf(end)
doc = i >= 0 && j > i ? `${doc.slice(0, i + begin.length)}\n${generated}\n${doc.slice(j)}` : `${doc}\n${begin}\n${generated}\n${end}\n`
writeFileSync(resultsFile, doc)
