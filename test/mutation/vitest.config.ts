import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

/**
 * The unit project alone, for Stryker (`npm run mutate`). The browser suite
 * needs a built dist/ and Chromium, which Stryker cannot drive per mutant;
 * what only it protects is checked by `npm run mutate:known`.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: { environment: 'happy-dom', include: ['test/unit/**/*.test.{ts,tsx}'] }
})
