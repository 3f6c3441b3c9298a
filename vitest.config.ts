import { defineConfig } from 'vitest/config'

export default defineConfig({
  // Vite 8 transforms with oxc (an `esbuild` key here is ignored, with a warning).
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', environment: 'happy-dom', include: ['test/unit/**/*.test.{ts,tsx}'] }
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
          globalSetup: ['test/chromium-setup.mjs']
        }
      },
      {
        extends: true,
        test: { name: 'package', environment: 'node', include: ['test/package/**/*.test.ts'], testTimeout: 300_000 }
      },
      {
        extends: true,
        test: {
          name: 'bundlers',
          environment: 'node',
          include: ['test/bundlers/**/*.test.ts'],
          testTimeout: 120_000,
          globalSetup: ['test/chromium-setup.mjs'],
          // After the other projects: its builds would slow the browser tests down.
          sequence: { groupOrder: 1 }
        }
      }
    ]
  }
})
