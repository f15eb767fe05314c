import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { activate, startApp, stopAfterEachTest } from './support/app';
import { shot } from './support/screenshots';

// サポート → 診断情報を保存 through the browser host: main builds the report from the real launch state and the real
// electron-log file, the bridge turns the answer into a browser download, and nothing secret is in the file.
const running = stopAfterEachTest();

test('サポート → 診断情報を保存する downloads a JSON report for support, the license number masked', async ({ page }) => {
  const app = await startApp(running);
  const number = app.number!;
  await page.goto(app.hostUrl);
  await activate(page, number);
  await expect(page.getByRole('heading', { name: 'ご契約状況' })).toBeVisible();

  await page.getByRole('button', { name: 'ヘルプ' }).click();
  await page.getByRole('menuitem', { name: 'サポート' }).click();
  const dialog = page.getByRole('dialog', { name: 'サポートセンター' });
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: '診断情報を保存する' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^diagnostics-sakura-kaikei-\d{8}-\d{4}\.json$/);
  await expect(dialog.getByTestId('diagnostics-saved')).toContainText(download.suggestedFilename());
  await shot(page, 'support-diagnostics');

  const file = path.join(app.dir, 'diagnostics.json');
  await download.saveAs(file);
  const text = fs.readFileSync(file, 'utf8');
  const report = JSON.parse(text) as {
    app: { version: string; product: string; edition: string };
    license: { numberMasked: string; termEnd: string };
    launch: { screen: string; canStart: boolean };
    store: { schemaVersion: number; expectedSchemaVersion: number };
    checks: { lastCheck: string | null };
    logTail: string[];
  };
  expect(report.app).toMatchObject({ product: 'sakura-kaikei', edition: 'package' });
  expect(report.license).toMatchObject({ numberMasked: `****-****-****-${number.slice(-4)}`, termEnd: '2027-03-31' });
  expect(report.launch).toMatchObject({ screen: 'none', canStart: true });
  expect(report.store.schemaVersion).toBe(report.store.expectedSchemaVersion);
  expect(report.logTail.some((line) => line.includes('launch decided'))).toBe(true);
  // The full number, in any spelling, is in neither the report nor the log file it quotes.
  const compact = number.replaceAll('-', '');
  expect(text).not.toContain(number);
  expect(text).not.toContain(compact.slice(0, 12));
  const logFile = fs.readFileSync(path.join(app.dir, 'logs', 'main.log'), 'utf8');
  expect(logFile).toContain('background validation');
  expect(logFile).not.toContain(number);
});
