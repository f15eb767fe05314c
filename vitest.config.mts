import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Projects by layer. `npm run test:unit` runs all of them with TZ=UTC, then again with TZ=America/Los_Angeles:
// every rule must give Asia/Tokyo answers whatever the machine's zone is. The second pass leaves out only the
// crash and concurrency tests (kill -9 loops, two service processes), which involve no date rule and take minutes,
// and runs the service's suites on SQLite only (LICENSE_SERVICE_TEST_STORES): the stores keep dates as text, so the
// machine's zone cannot tell them apart. The server project runs its suites on SQLite and on a PostgreSQL that its
// global setup starts (or LICENSE_SERVICE_TEST_PG_URL).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', include: ['tests/unit/shared/**/*.test.ts'], environment: 'node' } },
      { test: { name: 'main', include: ['tests/unit/main/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'server',
          include: ['tests/integration/**/*.test.ts', 'tests/unit/server/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30000,
          hookTimeout: 60000,
          // One PostgreSQL for the run; every suite that runs on both stores creates its own database on it.
          globalSetup: ['tests/integration/helpers/postgres-global-setup.ts'],
        },
      },
      { test: { name: 'tooling', include: ['tests/unit/tooling/**/*.test.ts'], environment: 'node' } },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['tests/unit/renderer/**/*.test.tsx', 'tests/unit/renderer/**/*.test.ts'],
          environment: 'jsdom',
        },
      },
    ],
  },
});
