import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ROOT, type Running, startLicenseService, tempDir } from './support/processes';
import { execFileSync } from 'node:child_process';

const running: Running[] = [];
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
});

function issueDownloadLicense(dbPath: string, start: string, end: string): string {
  const out = execFileSync(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    ['src-server/cli/admin.ts', 'issue', '--db', dbPath, '--product', 'sakura-kaikei', '--edition', 'download', '--start', start, '--end', end, '--json'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return (JSON.parse(out) as { license: { number: string } }).license.number;
}

test('the download edition renews on the renewal web page: 12 months, options included, card pays once', async ({ page }) => {
  const dir = tempDir('e2e-renew');
  const db = path.join(dir, 'service.sqlite');
  const service = await startLicenseService({ dbPath: db });
  running.push(service);
  // Ended a month ago: the download edition cannot start and sends the user here.
  const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
  const ended = new Date(Date.parse(`${today}T00:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
  const number = issueDownloadLicense(db, '2025-01-01', ended);

  await page.goto(`${service.url}/renew/sakura-kaikei?license=${number}`);
  await expect(page.getByRole('heading', { name: '基本使用サービス 更新申込' })).toBeVisible();
  await expect(page.getByText('テスト環境の決済です')).toBeVisible();
  await expect(page.getByRole('cell', { name: '料金に含む' })).toHaveCount(2);
  await expect(page.getByTestId('total')).toHaveText('¥48,400');
  await expect(page.getByText('お支払日からの再開となります')).toBeVisible();
  await page.screenshot({ path: path.join(ROOT, 'docs/screenshots/renewal-web-page.png'), fullPage: true });

  await page.getByLabel('カード番号').fill('4242 4242 4242 4242');
  await page.getByLabel('有効期限（MM/YY）').fill('12/29');
  // An impatient double click submits the form twice: the page's Idempotency-Key makes it one payment.
  await page.getByRole('button', { name: '支払へ進む' }).dblclick();
  await expect(page.getByRole('heading', { name: 'お支払いが完了しました' })).toBeVisible();
  await page.screenshot({ path: path.join(ROOT, 'docs/screenshots/renewal-web-page-paid.png') });
  const show = execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['src-server/cli/admin.ts', 'show', '--db', db, '--number', number], { cwd: ROOT, encoding: 'utf8' });
  const { orders } = JSON.parse(show) as { orders: { state: string }[] };
  expect(orders.map((o) => o.state)).toEqual(['paid']);
});

test('bank transfer on the renewal web page shows where to pay and warns against paying twice', async ({ page }) => {
  const dir = tempDir('e2e-renew-bank');
  const db = path.join(dir, 'service.sqlite');
  const service = await startLicenseService({ dbPath: db });
  running.push(service);
  const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
  const endsSoon = new Date(Date.parse(`${today}T00:00:00Z`) + 20 * 86_400_000).toISOString().slice(0, 10);
  const number = issueDownloadLicense(db, '2025-01-01', endsSoon);
  await page.goto(`${service.url}/renew?license=${number}`);
  await page.getByLabel('銀行振込').check();
  await page.getByRole('button', { name: '支払へ進む' }).click();
  await expect(page.getByRole('heading', { name: 'お振込のご案内' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('二重のお振込にご注意ください');
  await page.screenshot({ path: path.join(ROOT, 'docs/screenshots/renewal-web-page-bank-transfer.png'), fullPage: true });
  // A second visit now meets the unpaid order and points to support.
  await page.goto(`${service.url}/renew?license=${number}`);
  await expect(page.getByRole('alert')).toContainText('前回の更新料のお支払いが確認できていない');
  await expect(page.getByText('050-3000-1001')).toBeVisible();
});
