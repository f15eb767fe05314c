import path from 'node:path';
import { expect, test } from '@playwright/test';
import { appProductCode, issueLicense, type Running, startBrowserHost, startLicenseService, tempDir } from './support/processes';
import { shot } from './support/screenshots';

const running: Running[] = [];
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
});

test('activation stores the signed license and Version Info shows the term end the service issued', async ({ page }) => {
  const dir = tempDir('e2e-slice');
  const serviceDb = path.join(dir, 'service.sqlite');
  const service = await startLicenseService({ dbPath: serviceDb });
  running.push(service);
  const number = issueLicense(serviceDb, {
    product: appProductCode(),
    edition: 'package',
    start: '2026-04-01',
    end: '2027-03-31',
  });
  const host = await startBrowserHost({ serviceUrl: service.url, dbPath: path.join(dir, 'app.sqlite') });
  running.push(host);

  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'ライセンス認証' })).toBeVisible();
  await page.getByLabel('ライセンス番号').fill(number.toLowerCase());
  await page.getByRole('button', { name: '認証する' }).click();

  // Activated: the product opens on its home screen (ご契約状況).
  await expect(page.getByRole('heading', { name: 'ご契約状況' })).toBeVisible();
  await expect(page.getByTestId('home-term-end')).toHaveText('2027年3月31日(水)');
  await shot(page, 'home');
  await page.getByRole('button', { name: 'ヘルプ' }).click();
  await page.getByRole('menuitem', { name: 'バージョン情報' }).click();
  const dialog = page.getByRole('dialog', { name: 'バージョン情報' });
  await expect(dialog).toBeVisible();
  const termEnd = dialog.getByTestId('term-end');
  await expect(termEnd).toHaveAttribute('datetime', '2027-03-31');
  await expect(termEnd).toHaveText('2027年3月31日(水)');
  await expect(dialog.getByTestId('term-end-era')).toHaveText('（令和9年3月31日）');
  await expect(dialog.getByTestId('license-number')).toHaveText(`****-****-****-${number.slice(-4)}`);
  await expect(dialog).toContainText('パッケージ版');
  await shot(page, 'version-info');
  await page.getByRole('button', { name: '閉じる' }).click();

  // The license was stored: a fresh page load (a restart of the renderer) still knows it.
  await page.reload();
  await page.getByRole('button', { name: 'ヘルプ' }).click();
  await page.getByRole('menuitem', { name: 'バージョン情報' }).click();
  await expect(page.getByTestId('term-end')).toHaveAttribute('datetime', '2027-03-31');

  // English is available.
  await page.getByLabel('表示言語').selectOption('en');
  await expect(page.getByRole('dialog', { name: 'Version Info' }).getByTestId('term-end')).toHaveText('Wed, 31 March 2027');
  await shot(page, 'version-info-en');
});

test('a license whose signature does not verify is rejected, not stored, and the user is told', async ({ page }) => {
  const dir = tempDir('e2e-badsig');
  const serviceDb = path.join(dir, 'service.sqlite');
  // A service signing with a key the app does not trust (not the one published in resources/).
  const rogue = await startLicenseService({
    dbPath: serviceDb,
    keyPath: path.join(dir, 'rogue-key.pem'),
    publishPublicKey: false,
  });
  running.push(rogue);
  const number = issueLicense(serviceDb, {
    product: appProductCode(),
    edition: 'package',
    start: '2026-04-01',
    end: '2027-03-31',
  });
  const host = await startBrowserHost({ serviceUrl: rogue.url, dbPath: path.join(dir, 'app.sqlite') });
  running.push(host);

  await page.goto(host.url);
  await page.getByLabel('ライセンス番号').fill(number);
  await page.getByRole('button', { name: '認証する' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toHaveAttribute('data-error-code', 'license-signature-invalid');
  await expect(alert).toContainText('署名を確認できませんでした');
  await shot(page, 'activation-signature-rejected');

  await page.reload();
  await expect(page.getByRole('heading', { name: 'ライセンス認証' })).toBeVisible();
  await page.getByRole('button', { name: 'ヘルプ' }).click();
  await page.getByRole('menuitem', { name: 'バージョン情報' }).click();
  await expect(page.getByRole('dialog')).toContainText('ライセンス認証がまだ行われていません。');
});
