import path from 'node:path';
import { expect, test } from '@playwright/test';
import { issueLicense, jstDate, type Running, showLicense, startLicenseService, tempDir } from './support/processes';
import { shot } from './support/screenshots';

const running: Running[] = [];
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
});

test('the download edition renews on the renewal web page: 12 months, options included, card pays once', async ({ page }) => {
  const dir = tempDir('e2e-renew');
  const db = path.join(dir, 'service.sqlite');
  const service = await startLicenseService({ dbPath: db });
  running.push(service);
  // Ended a month ago: the download edition cannot start and sends the user here.
  const number = issueLicense(db, { product: 'sakura-kaikei', edition: 'download', start: '2025-01-01', end: jstDate(-30) });

  await page.goto(`${service.url}/renew/sakura-kaikei?license=${number}`);
  await expect(page.getByRole('heading', { name: '基本使用サービス 更新申込' })).toBeVisible();
  await expect(page.getByText('テスト環境の決済です')).toBeVisible();
  await expect(page.getByRole('cell', { name: '料金に含む' })).toHaveCount(2);
  await expect(page.getByTestId('total')).toHaveText('¥48,400');
  await expect(page.getByText('お支払日からの再開となります')).toBeVisible();
  await shot(page, 'renewal-web-page', { fullPage: true });

  await page.getByLabel('カード番号').fill('4242 4242 4242 4242');
  await page.getByLabel('有効期限（MM/YY）').fill('12/29');
  // The same form sent twice (a double click, a reload, a flaky network): two real POSTs with one Idempotency-Key.
  const form = page.locator('form', { has: page.getByRole('button', { name: '支払へ進む' }) });
  const action = await form.evaluate((f: HTMLFormElement) => f.action);
  const fields = await form.evaluate((f: HTMLFormElement) =>
    Object.fromEntries([...new FormData(f).entries()].map(([k, v]) => [k, String(v)])),
  );
  expect(fields.idempotencyKey).toBeTruthy();
  const first = await page.request.post(action, { form: fields });
  const second = await page.request.post(action, { form: fields });
  expect(second.status()).toBe(first.status());
  const paidHeading = /<h2[^>]*>お支払いが完了しました<\/h2>/;
  expect(await first.text()).toMatch(paidHeading);
  expect(await second.text()).toMatch(paidHeading);
  expect(showLicense(db, number).orders.map((o) => o.state)).toEqual(['paid']);
  // And the browser's own submit of the same form (a third time) shows the same answer.
  await page.getByRole('button', { name: '支払へ進む' }).click();
  await expect(page.getByRole('heading', { name: 'お支払いが完了しました' })).toBeVisible();
  await shot(page, 'renewal-web-page-paid');
  const { license, orders } = showLicense(db, number);
  expect(orders.map((o) => o.state)).toEqual(['paid']);
  // A resumption: twelve months from today, payment day included (day basis: 364 or 365 days on).
  expect([jstDate(364), jstDate(365)]).toContain(license.termEnd);
});

test('bank transfer on the renewal web page shows where to pay and warns against paying twice', async ({ page }) => {
  const dir = tempDir('e2e-renew-bank');
  const db = path.join(dir, 'service.sqlite');
  const service = await startLicenseService({ dbPath: db });
  running.push(service);
  const number = issueLicense(db, { product: 'sakura-kaikei', edition: 'download', start: '2025-01-01', end: jstDate(20) });
  await page.goto(`${service.url}/renew?license=${number}`);
  await page.getByLabel('銀行振込').check();
  await page.getByRole('button', { name: '支払へ進む' }).click();
  await expect(page.getByRole('heading', { name: 'お振込のご案内' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('二重のお振込にご注意ください');
  await shot(page, 'renewal-web-page-bank-transfer', { fullPage: true });
  // A second visit now meets the unpaid order and points to support.
  await page.goto(`${service.url}/renew?license=${number}`);
  await expect(page.getByRole('alert')).toContainText('前回の更新料のお支払いが確認できていない');
  await expect(page.getByText('050-3000-1001')).toBeVisible();
});
