import { defineConfig } from '@playwright/test';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS helper shared with scripts/ensure-chromium.mjs
const { findChromium } = require('./scripts/chromium-path.cjs') as { findChromium: () => string | null };

const executablePath = findChromium() ?? undefined;

// Each test starts its own license service and browser host on free ports with fresh SQLite files, so tests
// run in parallel safely; 2 workers match the 2 cores here.
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  workers: 2,
  reporter: [['list']],
  use: {
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    viewport: { width: 960, height: 680 },
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    },
  },
});
