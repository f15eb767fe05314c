import path from 'node:path';
import { expect, test } from '@playwright/test';
import {
  appProductCode,
  issueLicense,
  ROOT,
  type Running,
  startBrowserHost,
  startLicenseService,
  tempDir,
} from './support/processes';

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

  const dialog = page.getByRole('dialog', { name: 'バージョン情報' });
  await expect(dialog).toBeVisible();
  const termEnd = dialog.getByTestId('term-end');
  await expect(termEnd).toHaveAttribute('datetime', '2027-03-31');
  await expect(termEnd).toHaveText('2027年3月31日(水)');
  await expect(dialog.getByTestId('license-number')).toHaveText(`****-****-****-${number.slice(-4)}`);
  await expect(dialog).toContainText('パッケージ版');
  await page.screenshot({ path: path.join(ROOT, 'docs/screenshots/version-info.png') });

  // The license was stored: a fresh page load (a restart of the renderer) still knows it.
  await page.reload();
  await page.getByRole('button', { name: 'ヘルプ' }).click();
  await page.getByRole('menuitem', { name: 'バージョン情報' }).click();
  await expect(page.getByTestId('term-end')).toHaveAttribute('datetime', '2027-03-31');

  // English is available.
  await page.getByLabel('表示言語').selectOption('en');
  await expect(page.getByRole('dialog', { name: 'Version Info' }).getByTestId('term-end')).toHaveText('Wed, 31 March 2027');
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
  await page.screenshot({ path: path.join(ROOT, 'docs/screenshots/activation-signature-rejected.png') });

  await page.reload();
  await expect(page.getByRole('heading', { name: 'ライセンス認証' })).toBeVisible();
  await page.getByRole('button', { name: 'ヘルプ' }).click();
  await page.getByRole('menuitem', { name: 'バージョン情報' }).click();
  await expect(page.getByRole('dialog')).toContainText('ライセンス認証がまだ行われていません。');
});
