// StrykerJS over src/ with the unit suite (npm run mutate). See test/MUTATION.md.
// Two cores are shared on the machines this runs on: one test runner at a time
// (STRYKER_CONCURRENCY=2 on a quiet machine). Incremental: only mutants whose
// code or covering tests changed since test/mutation/incremental.json are run again.
// STRYKER_REPORT and STRYKER_TMP give a run over part of src/ (--mutate …) its own report and
// sandbox, so two parts can run side by side; test/mutation/summary.mjs merges their reports.
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'test/mutation/vitest.config.ts', related: true },
  // The two entries no unit test loads (the script-tag loader and the npm entry): the browser
  // suite alone protects them, checked by npm run mutate:known (test/MUTATION.md).
  mutate: ['src/**/*.ts', 'src/**/*.tsx', '!src/**/*.d.ts', '!src/loader.ts', '!src/index.ts'],
  coverageAnalysis: 'perTest',
  concurrency: Number(process.env.STRYKER_CONCURRENCY) || 1,
  incremental: true,
  incrementalFile: 'test/mutation/incremental.json',
  // .stryker-tmp*: a run copies the repository into its sandbox, and must not copy the sandbox of
  // another part running side by side (Stryker ignores only its own tempDirName).
  ignorePatterns: ['dist', 'test-artifacts', 'reports', 'coverage', 'test/bench', 'test/bundlers', 'demo', '.stryker-tmp*'],
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: process.env.STRYKER_REPORT || 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: (process.env.STRYKER_REPORT || 'reports/mutation/mutation.json').replace(/\.json$/, '.html') },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  timeoutMS: 20000,
  tempDirName: process.env.STRYKER_TMP || '.stryker-tmp',
  cleanTempDir: 'always'
}
