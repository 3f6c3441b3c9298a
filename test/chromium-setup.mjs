// Global setup of the vitest projects that drive Chromium (browser, bundlers).
// Without Chromium the run stops at once, with one sentence that says how to
// get it, rather than a stack trace for every test.
import { existsSync } from 'node:fs'
import { CHROMIUM, CHROMIUM_MISSING } from './chromium.mjs'

export default function requireChromium() {
  if (existsSync(CHROMIUM)) return
  console.error(CHROMIUM_MISSING)
  process.exit(1)
}
