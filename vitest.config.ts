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
      }
    ]
  }
})
