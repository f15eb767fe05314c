import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from '@playwright/test';
import { startBrowserHost, startLicenseService, tempDir } from '../tests/e2e/support/processes';

// `npm run bench:ui` (issue 8, point 7): the renderer's initial JavaScript (gzip) and the time from navigation to the
// first meaningful screen (a startup screen's heading) in headless Chromium through the browser host, median of
// ≥ 10 loads, each in a fresh browser context. Targets: ≤ 200 KB gz, ≤ 300 ms. It prints figures; it is not a test.
// Last line: {"initialJsGzipKb":…,"firstScreenMs":…}

const ROOT = path.resolve(__dirname, '..');
const LOADS = Number(process.env.BENCH_LOADS ?? 15);
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS helper shared with scripts/ensure-chromium.mjs
const { findChromium } = require('../scripts/chromium-path.cjs') as { findChromium: () => string | null };

function initialJsGzipKb(): number {
  const dir = path.join(ROOT, 'dist/renderer');
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  // What the browser must fetch before anything shows: the entry script and the modules it preloads.
  const files = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\.?\/?([^"]+\.js)"/g)].map(
    (m) => m[1]!,
  );
  if (files.length === 0) throw new Error('no script found in dist/renderer/index.html (run npm run build:renderer)');
  const bytes = files.reduce((sum, file) => sum + zlib.gzipSync(fs.readFileSync(path.join(dir, file)), { level: 9 }).length, 0);
  return bytes / 1024;
}

async function main(): Promise<void> {
  const gzipKb = initialJsGzipKb();
  const dir = tempDir('bench-ui');
  const service = await startLicenseService({ dbPath: path.join(dir, 'service.sqlite') });
  const host = await startBrowserHost({ serviceUrl: service.url, dbPath: path.join(dir, 'app.sqlite') });
  const browser = await chromium.launch({
    executablePath: findChromium() ?? undefined,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const times: number[] = [];
  try {
    for (let i = 0; i < LOADS + 2; i++) {
      const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
      const page = await context.newPage();
      await page.goto(host.url, { waitUntil: 'commit' });
      await page.waitForSelector('main[data-screen] h1');
      // The renderer marks the commit of its first screen; marks count from the navigation's start.
      const ms = await page.evaluate(() => performance.getEntriesByName('first-screen')[0]?.startTime ?? Number.NaN);
      if (!Number.isFinite(ms)) throw new Error('the renderer did not mark its first screen');
      if (i >= 2) times.push(ms); // the first loads warm the host's caches
      await context.close();
    }
  } finally {
    await browser.close();
    await host.stop();
    await service.stop();
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(`initial JavaScript: ${gzipKb.toFixed(1)} KB gzip (target ≤ 200 KB)`);
  console.log(
    `first screen: median ${median.toFixed(0)} ms over ${times.length} loads, min ${times[0]!.toFixed(0)}, max ${times.at(-1)!.toFixed(0)} (target ≤ 300 ms)`,
  );
  console.log(JSON.stringify({ initialJsGzipKb: Number(gzipKb.toFixed(1)), firstScreenMs: Math.round(median) }));
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
