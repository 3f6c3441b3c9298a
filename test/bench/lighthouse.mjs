// One Lighthouse run (v12, the default mobile config: Moto G Power
// emulation, simulated slow 4G and 4× CPU), through its CLI so each run gets
// its own Chromium (a fresh profile: a first visit) launched with the flags
// every test and bench here uses.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CHROMIUM, CHROMIUM_ARGS } from '../chromium.mjs'

const RUN_TIMEOUT = 180_000

/** The LCP element as Lighthouse 12 reports it: a list whose first table holds the node. */
function lcpNode(audit) {
  const details = audit?.details
  const table = details?.type === 'list' ? details.items?.[0] : details
  return table?.items?.[0]?.node ?? null
}

/**
 * @param {string} cli path of lighthouse/cli/index.js
 * @returns {Promise<{ score: number, lcp: number, tbt: number, cls: number, lcpElement: string }>}
 */
export async function lighthouseRun(cli, url) {
  const dir = mkdtempSync(join(tmpdir(), 'nanoconsent-lh-'))
  const out = join(dir, 'report.json')
  try {
    await new Promise((ok, fail) =>
      execFile(
        process.execPath,
        [
          cli,
          url,
          '--quiet',
          '--output=json',
          `--output-path=${out}`,
          '--only-categories=performance',
          `--chrome-flags=${CHROMIUM_ARGS.join(' ')}`
        ],
        { env: { ...process.env, CHROME_PATH: CHROMIUM }, timeout: RUN_TIMEOUT },
        (error, _stdout, stderr) => (error ? fail(new Error(`lighthouse ${url}: ${error.message}\n${stderr}`)) : ok())
      )
    )
    const report = JSON.parse(readFileSync(out, 'utf8'))
    if (report.runtimeError) throw new Error(`lighthouse ${url}: ${report.runtimeError.code} ${report.runtimeError.message}`)
    const audit = (id) => report.audits[id]?.numericValue ?? null
    const node = lcpNode(report.audits['largest-contentful-paint-element'])
    return {
      score: Math.round(report.categories.performance.score * 100),
      lcp: audit('largest-contentful-paint'),
      tbt: audit('total-blocking-time'),
      cls: audit('cumulative-layout-shift'),
      // What a reader recognises: the element and the start of its text.
      lcpElement: node ? `${node.selector ?? node.snippet} "${String(node.nodeLabel ?? '').slice(0, 40)}"` : 'n/a',
      warnings: report.runWarnings ?? []
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
