// npm run mutate:known — re-applies the mutations that once passed the whole
// suite (issue 15) and checks that each one now fails the tests meant to
// catch it. Every mutation is made in a scratch copy of the repository
// (a temp dir; node_modules linked), never in the working tree.
//
// Why these and not Stryker's: Stryker drives the unit suite only. What only
// the browser suite protects (the built loader on a real page: https
// cookies, tab sync, the gate on marked tags, the npm entry, the dataLayer
// order a tag manager sees) is checked here, by hand-written mutations.
//
// Each mutation names its edits (exact text, each found exactly once: a
// mutation whose text has moved is reported NOT APPLIED and fails the run,
// so the list is kept in step with src/) and the checks that must fail.
// The checks are tests of `npm test`; each is first run on the unmutated
// copy, which must pass. Options: `--only 1,4` runs some mutations;
// `--keep` leaves the scratch copy; `--check` only says whether each still
// applies. Exit 1 when a mutation survives or no longer applies.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)))

/** Checks: [project, files, test-name filter]. All are part of `npm test`. */
const CHECKS = {
  'unit events': ['unit', ['test/unit/core/events.test.ts']],
  'browser datalayer': ['browser', ['test/browser/datalayer.test.ts']],
  'unit gate': ['unit', ['test/unit/core/gate.test.ts']],
  'browser gating 4b': ['browser', ['test/browser/gating.test.ts'], '4b'],
  'unit lifecycle': ['unit', ['test/unit/core/lifecycle.test.ts']],
  'unit cookies': ['unit', ['test/unit/core/cookies.test.ts']],
  'browser signals 10b': ['browser', ['test/browser/signals.test.ts'], '10b'],
  'browser https': ['browser', ['test/browser/https.test.ts']],
  'browser integrity 4': ['browser', ['test/browser/integrity.test.ts'], '4[abc]\\. '],
  'browser npm entry': ['browser', ['test/browser/npm-entry.test.ts']],
  'unit answers': ['unit', ['test/unit/core/answers.test.ts']],
  'unit cookie-codec': ['unit', ['test/unit/core/cookie-codec.test.ts']],
  'unit pinned': ['unit', ['test/unit/core/pinned.test.ts']],
  'browser integrity 11': ['browser', ['test/browser/integrity.test.ts'], '0\\.1 cookie'],
  'browser loader': ['browser', ['test/browser/loader.test.ts']],
  'browser integrity 9': ['browser', ['test/browser/integrity.test.ts'], 'removed before their turn']
}

/**
 * The eight gaps of issue 15 (1–8; 7 and 8 adapted to cookie format 2, which
 * binds no config checksum), then six more: around the same promises, and
 * what only Chromium can catch of the loader and the gate.
 */
const MUTATIONS = [
  {
    name: 'nanoconsent_update pushed before the Consent Mode update',
    file: 'src/change.ts',
    edits: [
      ['  pushUpdate(state)\n', ''],
      ["announce('change', state, previous)\n", "announce('change', state, previous)\n  pushUpdate(state)\n"]
    ],
    checks: ['unit events', 'browser datalayer']
  },
  {
    name: 'the gate ignores the category: any choice runs every marked tag',
    file: 'src/core/gate.ts',
    edits: [["if (ids.includes(id)) return (rule[0] == '!') != now[id]", "if (ids.includes(id)) return (rule[0] == '!') != now.decided"]],
    checks: ['unit gate', 'browser gating 4b']
  },
  {
    name: 'the visibilitychange listener removed',
    file: 'src/core/sync.ts',
    edits: [["document.addEventListener('visibilitychange', () => hear())", '']],
    checks: ['unit lifecycle', 'browser signals 10b']
  },
  {
    name: 'the consent cookie never Secure',
    file: 'src/core/consent-cookie.ts',
    edits: [["    secure: location.protocol == 'https:',\n", '    secure: false,\n']],
    checks: ['browser https']
  },
  {
    name: 'cookieDomain ignored on write and on removal',
    file: 'src/core/consent-cookie.ts',
    edits: [
      ['...(config.cookieDomain ? { domain: config.cookieDomain } : {})', '...{}'],
      ['for (const place of cookiePlaces())', 'for (const place of cookiePlaces().filter((p) => !p.domain))']
    ],
    checks: ['unit cookies', 'browser https', 'browser integrity 4']
  },
  {
    name: 'createConsent(): the passed object beats the JSON block',
    file: 'src/index.ts',
    edits: [['sources: [config, readJsonBlock(document, null)]', 'sources: [readJsonBlock(document, null), config]']],
    checks: ['browser npm entry']
  },
  {
    name: 'recordUrl voids the choice (was: bound into the 0.1 checksum)',
    file: 'src/core/config.ts',
    edits: [
      [
        'merged.revision = revision >= 0 ? Math.min(revision, 999999) : defaults.revision',
        'merged.revision = (revision >= 0 ? Math.min(revision, 999999) : defaults.revision) + (merged.recordUrl ? 1 : 0)'
      ]
    ],
    checks: ['unit answers']
  },
  {
    name: 'the cookie encoding changed: stored cookies no longer decode (was: checksum input reordered)',
    file: 'src/core/cookie-codec.ts',
    edits: [
      ['${choice.time.toString(36)}', '${choice.time.toString(32)}'],
      ['parseInt(m[2], 36)', 'parseInt(m[2], 32)']
    ],
    checks: ['unit cookie-codec', 'unit pinned']
  },
  {
    name: '0.1 cookies: the check computed in another order, so none migrates',
    file: 'src/core/cookie-v1.ts',
    edits: [["fnv1a(body + '|' + fingerprint)", "fnv1a(fingerprint + '|' + body)"]],
    checks: ['unit cookie-codec', 'browser integrity 11']
  },
  {
    name: 'old consent cookies removed at the host only, not on parent domains',
    file: 'src/core/cookie-places.ts',
    edits: [['const domains = [undefined, ...', 'const domains = [undefined] || [...']],
    checks: ['unit cookies', 'browser integrity 4']
  },
  // src/loader.ts is loaded by no unit test (Stryker finds no coverage there): its two duties.
  {
    name: "the loader: the JSON block beats the tag's data-* attributes",
    file: 'src/loader.ts',
    edits: [['sources: [block, readTagConfig(tag)]', 'sources: [readTagConfig(tag), block]']],
    checks: ['browser loader']
  },
  {
    name: 'the loader: a failed start leaves no window.nanoconsent',
    file: 'src/loader.ts',
    edits: [['  window.nanoconsent = inert()\n', '']],
    checks: ['browser loader']
  },
  // Stryker survivors of gate.ts that only Chromium can kill (test/MUTATION.md).
  {
    name: 'the gate activates a tag removed before its turn (its load never ends: the queue stalls)',
    file: 'src/core/gate.ts',
    edits: [['(el.isConnected ? runScript(el, nonce) : undefined)', '(true ? runScript(el, nonce) : undefined)']],
    checks: ['browser integrity 9']
  },
  {
    name: 'the gate turns a marked image into a script',
    file: 'src/core/gate.ts',
    edits: [['if (script) queue = queue.then(', 'if (true) queue = queue.then(']],
    checks: ['browser gating 4b']
  }
]

const args = process.argv.slice(2)
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',').map(Number) : null
const chosen = MUTATIONS.map((m, i) => ({ ...m, n: i + 1 })).filter((m) => !only || only.includes(m.n))
/** Whether each edit's text is found exactly once in the file as it is now. */
const applies = (m) => m.edits.every(([from]) => readFileSync(join(ROOT, m.file), 'utf8').split(from).length == 2)

// --check: only whether every mutation still applies to src/ (quick, after a refactor).
if (args.includes('--check')) {
  const stale = chosen.filter((m) => !applies(m))
  for (const m of stale) console.log(`${m.n}. NOT APPLIED in ${m.file}: ${m.name}`)
  console.log(`${chosen.length - stale.length} of ${chosen.length} mutations apply`)
  process.exit(stale.length ? 1 : 0)
}

// The scratch copy: sources and tests, not node_modules (linked), dist or git.
const SKIP = new Set(['node_modules', 'dist', '.git', 'reports', '.stryker-tmp', 'test-artifacts', 'coverage'])
const scratch = mkdtempSync(join(tmpdir(), 'nanoconsent-mutate-'))
cpSync(ROOT, scratch, { recursive: true, filter: (src) => !SKIP.has(relative(ROOT, src).split(/[\\/]/)[0]) })
symlinkSync(join(ROOT, 'node_modules'), join(scratch, 'node_modules'), 'dir')
const cleanup = () => args.includes('--keep') || rmSync(scratch, { recursive: true, force: true })
process.on('exit', cleanup)
process.on('SIGINT', () => process.exit(130))

const run = (cmd, argv) => spawnSync(cmd, argv, { cwd: scratch, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', CI: '1' }, timeout: 900_000 })
const build = () => {
  const r = run('npx', ['rollup', '-c', '--silent'])
  if (r.status != 0) throw new Error(`build failed:\n${r.stdout}${r.stderr}`)
}

/** Runs one check; its counts of passed and failed tests (from vitest's JSON report). */
function check(name) {
  const [project, files, filter] = CHECKS[name]
  const out = join(scratch, 'check.json')
  rmSync(out, { force: true })
  run('npx', ['vitest', 'run', '--project', project, ...files, ...(filter ? ['-t', filter] : []), '--reporter=json', `--outputFile=${out}`])
  if (!existsSync(out)) return { passed: 0, failed: 1, why: ['no report'] }
  const report = JSON.parse(readFileSync(out, 'utf8'))
  const why = report.testResults.flatMap((f) => [
    ...(f.status == 'failed' && f.message ? [`${f.name}: ${f.message}`] : []),
    ...f.assertionResults.filter((a) => a.status == 'failed').map((a) => `${a.fullName}: ${String(a.failureMessages[0]).split('\n')[0]}`)
  ])
  return { passed: report.numPassedTests, failed: report.numFailedTests + (report.success || report.numFailedTests ? 0 : 1), why }
}

const needsBuild = (names) => names.some((c) => CHECKS[c][0] == 'browser' && c != 'browser npm entry')
const t0 = Date.now()
const log = (s) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${s}`)

// The unmutated copy must pass every check used, or a "killed" would mean nothing.
const used = [...new Set(chosen.flatMap((m) => m.checks))]
log(`scratch copy ${scratch}; baseline: ${used.length} checks on the unmutated code`)
if (needsBuild(used)) build()
let baselineBad = false
for (const name of used) {
  const r = check(name)
  if (r.failed || !r.passed) {
    baselineBad = true
    console.error(`baseline: "${name}" does not pass unmutated (${r.passed} passed, ${r.failed} failed)\n  ${r.why.join('\n  ')}`)
  }
}
if (baselineBad) process.exit(2)

const rows = []
for (const m of chosen) {
  const path = join(scratch, m.file)
  const original = readFileSync(path, 'utf8')
  let text = original
  let applied = true
  for (const [from, to] of m.edits) {
    if (text.split(from).length != 2) applied = false
    else text = text.replace(from, () => to)
  }
  if (!applied) {
    rows.push({ ...m, result: 'NOT APPLIED', killedBy: [] })
    log(`${m.n}. NOT APPLIED: its text is not found exactly once in ${m.file}; update the mutation`)
    continue
  }
  writeFileSync(path, text)
  try {
    if (needsBuild(m.checks)) build()
    const killedBy = m.checks.filter((c) => check(c).failed > 0)
    rows.push({ ...m, result: killedBy.length ? 'killed' : 'SURVIVED', killedBy })
    log(`${m.n}. ${killedBy.length ? 'killed' : 'SURVIVED'}: ${m.name}`)
  } catch (e) {
    rows.push({ ...m, result: 'ERROR', killedBy: [] })
    log(`${m.n}. ERROR: ${e.message}`)
  } finally {
    writeFileSync(path, original)
  }
}

console.log('\n| # | mutation | file | result | failed checks |\n| --- | --- | --- | --- | --- |')
for (const r of rows) console.log(`| ${r.n} | ${r.name} | ${r.file} | ${r.result} | ${r.killedBy.join(', ') || '—'} |`)
const bad = rows.filter((r) => r.result != 'killed')
console.log(`\n${rows.length - bad.length} of ${rows.length} mutations killed in ${((Date.now() - t0) / 1000).toFixed(0)} s`)
process.exit(bad.length ? 1 : 0)
