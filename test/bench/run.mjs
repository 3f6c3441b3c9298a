// Loads one small site with nanoconsent (and its variants: the first-visit
// hint as a tag or a Link header, a French page), vanilla-cookieconsent,
// Klaro and no tool in headless Chromium, alternating them for N rounds, then
// runs Lighthouse on the page with no tool, nanoconsent and
// vanilla-cookieconsent, and prints a Markdown table of medians (min–max)
// with the targets of issue 14. Not part of `npm test`: timings never
// decide pass or fail. See RESULTS.md for what each figure means.
//
//   npm run bench                                   15 rounds, Lighthouse 3 runs each
//   BENCH_RUNS=3 BENCH_LH_RUNS=1 npm run bench      a quick check (or --runs 3 --lighthouse-runs 1)
//   BENCH_TOOLS=nanoconsent,vcc node test/bench/run.mjs   a subset (no tool always runs)
//
// RESULTS.md is rewritten only by a full run (>= 15 rounds, 3 Lighthouse
// runs) or with --write; --no-write never touches it.
import { CHROMIUM, CHROMIUM_ARGS } from '../chromium.mjs'
import { readFileSync, writeFileSync, existsSync, cpSync, mkdtempSync, rmSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { cpus, tmpdir } from 'node:os'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { dirname, join, resolve } from 'node:path'
import { chromium } from 'playwright-core'
import { startServer } from './server.mjs'
import { tools, siteCss } from './site.mjs'
import { visitor } from './visit.mjs'
import { lighthouseRun } from './lighthouse.mjs'
import { table } from './report.mjs'

const started = Date.now()
const here = dirname(fileURLToPath(import.meta.url))
const repo = resolve(here, '../..')
const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : undefined
}
const flag = (name) => process.argv.includes(`--${name}`)
const RUNS = Number(arg('runs') ?? process.env.BENCH_RUNS ?? 15)
const LH_RUNS = Number(arg('lighthouse-runs') ?? process.env.BENCH_LH_RUNS ?? 3)
const wanted = (arg('tools') ?? process.env.BENCH_TOOLS ?? Object.keys(tools).join(',')).split(',')
const names = [...wanted.filter((t) => t in tools && t !== 'baseline'), 'baseline']
// Variants differ from their tool's page on a first visit only.
const main = names.filter((n) => !tools[n].variantOf)
const WRITE = flag('write') || (!flag('no-write') && RUNS >= 15 && LH_RUNS >= 3)
const TIMEOUT = 30_000

// The conditions of every measured load.
const NETWORK = { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 }
const CPU_RATE = 4

if (!existsSync(join(repo, 'dist/nanoconsent.js')) || !existsSync(join(repo, 'dist/server.js'))) {
  console.error('dist/ is missing or incomplete: run `npm run build` (npm run bench does).')
  process.exit(1)
}
const progress = (text) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${text}\n`)

// Serve a snapshot of dist/, so a rebuild during the run cannot mix versions.
const snapshot = mkdtempSync(join(tmpdir(), 'nanoconsent-bench-'))
cpSync(join(repo, 'dist'), snapshot, { recursive: true })
process.on('exit', () => rmSync(snapshot, { recursive: true, force: true }))
const hintServer = await import(pathToFileURL(join(snapshot, 'server.js')).href)
const server = await startServer({
  mounts: {
    '/nanoconsent/': snapshot + '/',
    '/vcc/': join(repo, 'node_modules/vanilla-cookieconsent/dist') + '/',
    '/klaro/': join(repo, 'node_modules/klaro/dist') + '/'
  },
  pages: {
    '/blank.html': '<!doctype html><title>blank</title>',
    '/site/site.css': siteCss,
    ...Object.fromEntries(
      names.map((n) => {
        const html = tools[n].html
        return [`/site/${n}.html`, typeof html == 'function' ? (req) => html({ cookie: req.headers.cookie, server: hintServer }) : html]
      })
    )
  }
})
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
const load = visitor({ browser, server, tools, network: NETWORK, cpuRate: CPU_RATE, timeout: TIMEOUT })
// A load that fails (a lost renderer on a busy machine) is tried once more
// rather than ending a ten-minute run; a second failure does end it.
const visit = (name, options) =>
  load(name, options).catch((e) => {
    progress(`${name}: ${e.message}; trying once more`)
    return load(name, options)
  })
const base = (n) => tools[n].variantOf ?? n

// Warm-up, unthrottled: one "Accept all" and one "Reject all" per tool give
// the consent the returning visits reuse (cookies and localStorage).
const consent = {}
const refusal = {}
for (const name of main.filter((n) => tools[n].findButtons)) {
  consent[name] = (await visit(name, { first: true, choose: 'accept', keep: true, throttle: false })).state
  refusal[name] = (await visit(name, { first: true, choose: 'reject', keep: true, throttle: false })).state
}
// Bytes of a returning visit, once per tool and kind (they do not vary). On
// the hinted pages this also checks that a consent cookie turns the hint off.
const once = {}
for (const name of names.filter((n) => consent[base(n)] && n !== 'nanoconsent-fr')) {
  once[name] = {
    refused: (await visit(name, { first: false, storageState: refusal[base(name)], throttle: false })).result,
    accepted: (await visit(name, { first: false, storageState: consent[base(name)], analytics: true, throttle: false })).result
  }
}
progress('warm-up done')

const runs = Object.fromEntries(names.map((n) => [n, { first: [], returning: [], returning1x: [] }]))
for (let r = 0; r < RUNS; r++) {
  for (const name of names) {
    // The click is measured on the tools' own pages; a variant's banner is the same.
    const choose = tools[name].findButtons && !tools[name].variantOf ? 'accept' : null
    runs[name].first.push((await visit(name, { first: true, choose })).result)
  }
  for (const name of main) {
    const analytics = Boolean(consent[name])
    runs[name].returning.push((await visit(name, { first: false, storageState: consent[name], analytics })).result)
  }
  // The same returning visit without CPU throttling: a steadier view of small
  // amounts of script time, which 4× throttling makes lumpy (its pauses land
  // in whatever script runs at the time). Klaro's is left out to keep the
  // bench under 10 minutes: its script time is not in question.
  for (const name of main.filter((n) => consent[n] && n !== 'klaro')) {
    runs[name].returning1x.push((await visit(name, { first: false, storageState: consent[name], analytics: true, cpuRate: 1 })).result)
  }
  progress(`round ${r + 1}/${RUNS}`)
}
const chromiumVersion = browser.version()
await browser.close()

// Lighthouse, alternating the three pages; each run launches its own Chromium.
const lhNames = ['baseline', 'nanoconsent', 'vcc'].filter((n) => names.includes(n))
const lh = Object.fromEntries(lhNames.map((n) => [n, []]))
for (let r = 0; r < LH_RUNS; r++) {
  for (const name of lhNames) {
    try {
      lh[name].push(await lighthouseRun(join(repo, 'node_modules/lighthouse/cli/index.js'), `${server.origin}/site/${name}.html`))
    } catch (e) {
      progress(`Lighthouse left out a run of ${name}: ${e.message}`)
    }
  }
  progress(`Lighthouse ${r + 1}/${LH_RUNS}`)
}
await server.close()

// -------------------------------------------------------------------- report
const peers = names.filter((n) => !tools[n].variantOf && n !== 'baseline')
const { table: md, frLine, lcpLines } = table({ runs, once, lh, tools, peers })
const version = (p) => JSON.parse(readFileSync(join(repo, 'node_modules', p, 'package.json'), 'utf8')).version
let commit = ''
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim()
} catch {}
const cpu = (readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) ?? [])[1] ?? cpus()[0]?.model
const files = (list) => {
  const all = list.flatMap((x) => x.files)
  const twice = list.some((x) => new Set(x.files).size < x.files.length)
  return [...new Set(all)].join(', ') + (twice ? ' (**a file was fetched twice in one visit**)' : '')
}
const generated = [
  `Run of ${new Date().toISOString().slice(0, 10)} (${RUNS} rounds, alternating ${names.join(', ')}; ` +
    `Lighthouse ${LH_RUNS} run(s) each of ${lhNames.join(', ')}; working tree at ${commit || 'unknown commit'}; ` +
    `${((Date.now() - started) / 60000).toFixed(1)} min).`,
  '',
  `Machine: ${cpu}, ${cpus().length} cores; Chromium ${chromiumVersion}; Node ${process.version}.`,
  `Peers: vanilla-cookieconsent ${version('vanilla-cookieconsent')}, Klaro ${version('klaro')}; Lighthouse ${version('lighthouse')}.`,
  `Conditions: latency ${NETWORK.latency} ms, ${NETWORK.downloadThroughput} B/s down, ${NETWORK.uploadThroughput} B/s up, ` +
    `CPU ${CPU_RATE}× slower; gzip -9 served; fresh browser context (cold HTTP cache) per load. ` +
    'Lighthouse: its default mobile config (simulated throttling).',
  '',
  'Median (min–max). Ratios are of medians. Rows starting with "…" are nanoconsent variants; the peers\' columns repeat their own first visit.',
  '',
  md,
  '',
  ...(frLine ? [frLine, ''] : []),
  ...(lcpLines.length ? ['Lighthouse LCP element (most frequent):', '', ...lcpLines, ''] : []),
  'Files the tools transferred (any run; returning visits from the single unthrottled loads):',
  '',
  ...names
    .filter((n) => n !== 'baseline')
    .flatMap((n) => [
      `- ${tools[n].label}, first visit: ${files(runs[n].first)}`,
      ...(once[n] ? [`- ${tools[n].label}, returning, refused: ${files([once[n].refused])}`, `- ${tools[n].label}, returning, accepted: ${files([once[n].accepted])}`] : [])
    ])
].join('\n')

console.log(generated)
if (!WRITE) {
  progress(`RESULTS.md not rewritten (${RUNS} rounds, ${LH_RUNS} Lighthouse runs; a full run or --write does)`)
  process.exit(0)
}
const resultsFile = join(here, 'RESULTS.md')
const begin = '<!-- bench:begin (generated by test/bench/run.mjs; edit outside these markers) -->'
const end = '<!-- bench:end -->'
let doc = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : `# Benchmark results\n\n${begin}\n${end}\n`
const i = doc.indexOf(begin)
const j = doc.indexOf(end)
doc = i >= 0 && j > i ? `${doc.slice(0, i + begin.length)}\n${generated}\n${doc.slice(j)}` : `${doc}\n${begin}\n${generated}\n${end}\n`
writeFileSync(resultsFile, doc)
