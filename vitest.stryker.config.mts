import { configDefaults, defineConfig } from 'vitest/config';

// Only the node projects whose tests exercise the folders `npm run test:mutation` mutates (src-shared, src-main's
// license and IPC code). No jsdom renderer tests, no service integration tests, no Playwright: every mutant reruns
// the tests that cover it, and on a 2-core machine those would turn minutes into hours.
// STRYKER_SKIP_TESTS (comma-separated globs) leaves out test files that fail for a reason unrelated to the mutated
// code, e.g. while someone is rewriting them: Stryker refuses to start when any test fails before mutation.
const skipped = (process.env.STRYKER_SKIP_TESTS ?? '').split(',').filter(Boolean);
const exclude = [...configDefaults.exclude, ...skipped];

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', include: ['tests/unit/shared/**/*.test.ts'], environment: 'node', exclude } },
      { test: { name: 'main', include: ['tests/unit/main/**/*.test.ts'], environment: 'node', exclude } },
    ],
  },
});
