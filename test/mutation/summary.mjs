// Per-folder mutation scores from Stryker's JSON report(s), against the
// targets of issue 15, and the surviving mutants of the files that must have
// none unexplained. `npm run mutate` runs it after Stryker.
//
//   node test/mutation/summary.mjs [report.json …]   (default reports/mutation/mutation.json)
//
// Several reports (runs over parts of src/) are merged; a later one wins for a file.
import { existsSync, readFileSync } from 'node:fs'

const reports = process.argv.slice(2).filter((a) => !a.startsWith('--'))
if (!reports.length) reports.push('reports/mutation/mutation.json')
const files = {}
for (const r of reports) {
  if (!existsSync(r)) {
    console.error(`summary: ${r} is missing; run npm run mutate first`)
    process.exit(1)
  }
  Object.assign(files, JSON.parse(readFileSync(r, 'utf8')).files)
}
const rel = (p) => p.replace(/\\/g, '/').replace(/^.*?(?=src\/)/, '')

/** The folders of issue 15's targets: src/core (integrations included), the chunk entries at src/, src/ui. */
const FOLDERS = [
  ['src/core', (p) => p.startsWith('src/core/'), 85],
  ['src/ (chunk entries)', (p) => /^src\/[^/]+$/.test(p), 85],
  ['src/ui', (p) => p.startsWith('src/ui/'), 75]
]
/** Loaded by no unit test: the browser suite and npm run mutate:known protect them, not these scores. */
const BROWSER_ONLY = ['src/loader.ts', 'src/index.ts']
/** Every survivor here is killed by a test or explained in test/MUTATION.md. */
const CRITICAL = [
  'src/loader.ts',
  'src/core/create.ts',
  // The gate and the files it was split into (issue 13).
  'src/core/gate.ts',
  'src/core/tag-trust.ts',
  'src/core/run-script.ts',
  'src/core/embed.ts',
  'src/core/stand-in.ts',
  'src/core/cookie-codec.ts',
  'src/core/consent-mode.ts'
]

const DETECTED = ['Killed', 'Timeout']
const UNDETECTED = ['Survived', 'NoCoverage']
const count = (mutants) => {
  const killed = mutants.filter((m) => DETECTED.includes(m.status)).length
  const missed = mutants.filter((m) => UNDETECTED.includes(m.status)).length
  return { killed, missed, score: killed + missed ? (100 * killed) / (killed + missed) : NaN }
}
const pct = (n) => (Number.isNaN(n) ? '   —  ' : `${n.toFixed(1).padStart(5)}%`)

const all = Object.entries(files).map(([p, f]) => [rel(p), f.mutants])
const byFile = all.filter(([p]) => !BROWSER_ONLY.includes(p))
console.log('\nMutation score per folder (killed + timeout) / (killed + timeout + survived + no coverage):\n')
console.log('| folder | files | mutants | detected | undetected | score | target |')
console.log('| --- | --- | --- | --- | --- | --- | --- |')
let short = false
for (const [name, test, target] of FOLDERS) {
  const mine = byFile.filter(([p]) => test(p))
  const { killed, missed, score } = count(mine.flatMap(([, m]) => m))
  const met = mine.length ? score >= target : null
  if (met === false) short = true
  console.log(`| ${name} | ${mine.length} | ${killed + missed} | ${killed} | ${missed} | ${pct(score)} | ≥ ${target}% ${met == null ? '(not run)' : met ? 'met' : 'NOT met'} |`)
}

const skipped = all.filter(([p]) => BROWSER_ONLY.includes(p))
if (skipped.length) console.log(`\nNot scored (browser-only, see npm run mutate:known): ${skipped.map(([p, m]) => `${p} (${m.length} mutants)`).join(', ')}`)

if (process.argv.includes('--files')) {
  console.log('\n| file | detected | undetected | score |\n| --- | --- | --- | --- |')
  for (const [p, m] of byFile.sort()) {
    const { killed, missed, score } = count(m)
    console.log(`| ${p} | ${killed} | ${missed} | ${pct(score)} |`)
  }
}

const lines = (p) => readFileSync(p, 'utf8').split('\n')
console.log('\nSurvivors in the loader, the gate, the cookie codec and Consent Mode:')
let any = false
for (const [p, mutants] of byFile.filter(([p]) => CRITICAL.includes(p) && !BROWSER_ONLY.includes(p))) {
  const src = existsSync(p) ? lines(p) : []
  for (const m of mutants.filter((m) => UNDETECTED.includes(m.status)).sort((a, b) => a.location.start.line - b.location.start.line)) {
    any = true
    const at = m.location.start
    console.log(`- ${p}:${at.line}:${at.column} ${m.mutatorName} (${m.status}): ${(src[at.line - 1] || '').trim().slice(0, 110)}\n    → ${String(m.replacement).replace(/\s+/g, ' ').slice(0, 110)}`)
  }
}
if (!any) console.log('  none')
if (short) process.exitCode = 1
