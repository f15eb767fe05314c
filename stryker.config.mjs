// Mutation testing (`npm run test:mutation`), run by hand, not by `npm test` or CI: it reruns the covering tests
// for every mutant, which takes minutes per folder on a 2-core machine. Narrow it with Stryker's own flags, e.g.
//   npm run test:mutation -- --mutate 'src-shared/contracts/**/*.ts' --concurrency 1
// Tests run through vitest.stryker.config.mts (the node projects shared and main only); STRYKER_SKIP_TESTS leaves out
// test files that fail for unrelated reasons, since Stryker will not start while any test fails.
// The HTML report goes to reports/mutation/index.html.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.mts' },
  mutate: ['src-shared/licensing/**/*.ts', 'src-shared/contracts/**/*.ts', 'src-main/license/**/*.ts', 'src-main/ipc/**/*.ts'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 10000,
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  clearTextReporter: { allowColor: false, logTests: false },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['dist', 'dist-electron', 'release', 'native', 'var', 'test-results', 'playwright-report', 'reports', 'docs'],
  cleanTempDir: 'always',
};
