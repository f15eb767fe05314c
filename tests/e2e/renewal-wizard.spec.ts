import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import {
  admin,
  issuePackage,
  jstDate,
  type Running,
  showLicense,
  startBrowserHost,
  startLicenseService,
  tempDir,
} from './support/processes';
import { shot } from './support/screenshots';

// The package edition's renewal wizard (seed 000, SPEC §6) through the browser host, the real service and a fresh
// SQLite file per test, with a screenshot of every step.
const running: Running[] = [];
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
});

async function setup(end: string, options: { email?: string; demo?: boolean } = {}) {
  const dir = tempDir('e2e-wizard');
  const serviceDb = path.join(dir, 'service.sqlite');
  const service = await startLicenseService({ dbPath: serviceDb, demo: options.demo });
  running.push(service);
  const issued = issuePackage(serviceDb, { start: '2025-12-01', end, email: options.email });
  const host = await startBrowserHost({ serviceUrl: service.url, dbPath: path.join(dir, 'app.sqlite') });
  running.push(host);
  return { dir, serviceDb, serviceUrl: service.url, hostUrl: host.url, ...issued };
}

async function activateAndOpenWizard(page: Page, s: Awaited<ReturnType<typeof setup>>) {
  await page.goto(s.hostUrl);
  await page.getByLabel('ライセンス番号').fill(s.number);
  await page.getByRole('button', { name: '認証する' }).click();
  await page.getByRole('button', { name: '更新手続きへ' }).click();
}

/** STEP2 → STEP3 → STEP2 → STEP4 without changing anything (the seed's must-pass-once rule). */
async function passQuoteUnchanged(page: Page) {
  await page.getByRole('button', { name: '見積を変更する' }).click();
  await page.getByRole('button', { name: '次へ' }).click();
  await page.getByRole('button', { name: '次へ' }).click();
}

async function register(page: Page, s: Awaited<ReturnType<typeof setup>>) {
  await expect(page.getByRole('heading', { name: 'ユーザー登録' })).toBeVisible();
  await expect(page.getByText('はじめにお読みください')).toBeVisible();
  await page.getByLabel('製品登録番号').fill(s.registrationNumber);
  await page.getByLabel('インストールキー').fill(s.installKey);
  await page.getByLabel('お名前（ご担当者名）').fill('山田 太郎');
  await page.getByLabel('メールアドレス').fill('yamada@example.jp');
  await page.getByRole('button', { name: '登録して見積りへ進む' }).click();
}

test('package renewal by card: quote → change → method → pay → restart, and the new end date in バージョン情報', async ({
  page,
}) => {
  const end = jstDate(20);
  const s = await setup(end);
  await activateAndOpenWizard(page, s);
  await shot(page, 'wizard-registration');
  await register(page, s);

  // STEP2: the quote; 次へ stays shut until the user has been through 見積を変更する once.
  await expect(page.getByRole('heading', { name: 'お見積り' })).toBeVisible();
  await expect(page.getByRole('button', { name: '次へ' })).toBeDisabled();
  const firstTotal = await page.getByTestId('quote-total').textContent();
  await shot(page, 'wizard-step2-quote', { fullPage: true });
  await page.getByRole('button', { name: '見積を変更する' }).click();

  // STEP3: 6 months and without the e-filing option.
  await expect(page.getByRole('heading', { name: '更新期間とオプションの選択' })).toBeVisible();
  await page.getByLabel('6ヶ月').check();
  await page.getByLabel('電子申告オプション').uncheck();
  await shot(page, 'wizard-step3-choose', { fullPage: true });
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.getByRole('heading', { name: 'お見積り' })).toBeVisible();
  await expect(page.getByTestId('quote-total')).not.toHaveText(firstTotal ?? '');
  await page.getByRole('button', { name: '次へ' }).click();

  // STEP4: the method; account transfer warns that it takes time.
  await page.getByLabel('口座振替（自動引き落とし）').check();
  await expect(page.getByRole('note')).toContainText('口座振替はお手続きに時間がかかります');
  await page.getByLabel('クレジットカード').check();
  await expect(page.getByRole('note')).toHaveCount(0);
  // Steps 2–4 can repeat: back to the quote and forward again shows the choice with 支払方法を変更する.
  await page.getByRole('button', { name: '見積に戻る' }).click();
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.getByTestId('chosen-method')).toContainText('クレジットカード');
  await page.getByRole('button', { name: '支払方法を変更する' }).click();
  await expect(page.getByLabel('クレジットカード')).toBeChecked();
  await shot(page, 'wizard-step4-method', { fullPage: true });
  await page.getByRole('button', { name: '支払へ進む' }).click();

  // STEP5: the sandbox card form.
  await page.getByLabel('カード番号').fill('4242 4242 4242 4242');
  await page.getByLabel('有効期限（MM/YY）').fill('12/29');
  await shot(page, 'wizard-step5-pay-card', { fullPage: true });
  await page.getByRole('button', { name: 'カードで支払う' }).click();

  // STEP6: done; 再起動する; the new term is active at once.
  await expect(page.getByRole('heading', { name: '更新のお手続きが完了しました' })).toBeVisible();
  await shot(page, 'wizard-step6-done');
  const newEnd = showLicense(s.serviceDb, s.number).license.termEnd;
  expect(newEnd > end).toBe(true);
  await page.getByRole('button', { name: '再起動する' }).click();
  await expect(page.getByRole('heading', { name: 'ご契約状況' })).toBeVisible();
  await expect(page.getByTestId('home-term-end')).toHaveAttribute('datetime', newEnd);
  await page.getByRole('button', { name: 'ヘルプ' }).click();
  await page.getByRole('menuitem', { name: 'バージョン情報' }).click();
  await expect(page.getByTestId('term-end')).toHaveAttribute('datetime', newEnd);
  expect(showLicense(s.serviceDb, s.number).orders.filter((o) => o.state === 'paid')).toHaveLength(1);
});

test('bank transfer: instructions with the due date and the 二重振込 warning; active after the vendor confirms', async ({
  page,
}) => {
  const end = jstDate(20);
  const s = await setup(end);
  await activateAndOpenWizard(page, s);
  await register(page, s);
  await passQuoteUnchanged(page);
  await page.getByLabel('銀行振込').check();
  await page.getByRole('button', { name: '支払へ進む' }).click();

  // A reload in the middle resumes at the same step.
  await page.reload();
  await page.getByRole('button', { name: '更新手続きへ' }).click();
  await expect(page.getByRole('heading', { name: 'お支払い' })).toBeVisible();
  await page.getByRole('button', { name: 'この内容で申し込む' }).click();
  await expect(page.getByRole('heading', { name: 'お振込のご案内' })).toBeVisible();
  await expect(page.getByText('二重のお振込にご注意ください')).toBeVisible();
  await expect(page.getByTestId('transfer-due')).toBeVisible();
  await shot(page, 'wizard-step6-bank-transfer', { fullPage: true });
  const orders = showLicense(s.serviceDb, s.number).orders as { id: string; state: string; amountYen?: number }[];
  expect(orders).toHaveLength(1);
  expect(orders[0]!.state).toBe('pending');

  const amount = (await page.getByTestId('transfer-amount').textContent())!.replace(/[^0-9]/g, '');
  admin(s.serviceDb, ['confirm-transfer', '--order', orders[0]!.id, '--amount', amount]);
  await page.getByRole('button', { name: '閉じる' }).click();
  await page.reload();
  await page.getByRole('button', { name: '今すぐ確認する' }).click();
  await expect(page.getByTestId('home-term-end')).not.toHaveAttribute('datetime', end);
});

test('before the window opens the wizard says from which day renewal is possible', async ({ page }) => {
  const s = await setup('2027-10-31');
  await page.goto(s.hostUrl);
  await page.getByLabel('ライセンス番号').fill(s.number);
  await page.getByRole('button', { name: '認証する' }).click();
  await expect(page.getByTestId('renewal-opens-on')).toHaveText('更新のお手続きは2027年8月31日(火)から行えます。');
});

test('a declined card, then a good one: one paid order', async ({ page }) => {
  const s = await setup(jstDate(20));
  await activateAndOpenWizard(page, s);
  await register(page, s);
  await passQuoteUnchanged(page);
  await page.getByLabel('クレジットカード').check();
  await page.getByRole('button', { name: '支払へ進む' }).click();
  await page.getByLabel('カード番号').fill('4000 0000 0000 0002');
  await page.getByLabel('有効期限（MM/YY）').fill('12/29');
  await page.getByRole('button', { name: 'カードで支払う' }).click();
  await expect(page.getByRole('alert')).toHaveAttribute('data-error-code', 'payment-declined');
  await shot(page, 'wizard-step5-declined');
  await page.getByLabel('カード番号').fill('4242 4242 4242 4242');
  await page.getByRole('button', { name: 'カードで支払う' }).click();
  await expect(page.getByRole('heading', { name: '更新のお手続きが完了しました' })).toBeVisible();
  const orders = showLicense(s.serviceDb, s.number).orders;
  expect(orders.filter((o) => o.state === 'paid')).toHaveLength(1);
});

test('a previous renewal left unpaid blocks the wizard and shows the support desk', async ({ page }) => {
  const s = await setup(jstDate(20), { demo: true });
  await activateAndOpenWizard(page, s);
  await register(page, s);
  await passQuoteUnchanged(page);
  await page.getByLabel('銀行振込').check();
  await page.getByRole('button', { name: '支払へ進む' }).click();
  await page.getByRole('button', { name: 'この内容で申し込む' }).click();
  await page.getByRole('button', { name: '閉じる' }).click();
  // Opened again while the transfer is due: the same instructions, not a second order.
  await page.getByRole('button', { name: '更新手続きへ' }).click();
  await expect(page.getByRole('heading', { name: 'お振込のご案内' })).toBeVisible();
  await page.getByRole('button', { name: '閉じる' }).click();
  // Unpaid past its due date (14 days): the order lapses, and it blocks the next renewal (seed 000).
  admin(s.serviceDb, ['clock', '--advance-days', '15']);
  await page.getByRole('button', { name: '今すぐ確認する' }).click();
  await expect(page.getByText('お支払いが確認できていません').first()).toBeVisible();
  await page.getByRole('button', { name: '更新手続きへ' }).click();
  await expect(page.getByRole('heading', { name: '前回の更新のお支払いが確認できていません' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'サポートセンター' })).toBeVisible();
  await shot(page, 'wizard-blocked-unpaid');
  expect(showLicense(s.serviceDb, s.number).orders.map((o) => o.state)).toEqual(['lapsed']);
});

test('account transfer: it takes time, the app waits for the debit, and the next term renews itself', async ({ page }) => {
  const end = jstDate(20);
  const s = await setup(end);
  await activateAndOpenWizard(page, s);
  await register(page, s);
  await passQuoteUnchanged(page);
  await page.getByLabel('口座振替（自動引き落とし）').check();
  await expect(page.getByRole('note')).toContainText('時間がかかります');
  await page.getByRole('button', { name: '支払へ進む' }).click();
  await page.getByRole('button', { name: 'この内容で申し込む' }).click();
  await expect(page.getByRole('heading', { name: '口座振替のお申込みを受け付けました' })).toBeVisible();
  await expect(page.getByText('次回以降は自動的に更新されます')).toBeVisible();
  await shot(page, 'wizard-step6-account-transfer');
  const order = (showLicense(s.serviceDb, s.number).orders as { id: string; state: string }[])[0]!;
  expect(order.state).toBe('pending');
});

test('the wizard in English', async ({ page }) => {
  const s = await setup(jstDate(20));
  await page.goto(s.hostUrl);
  await page.getByLabel('表示言語').selectOption('en');
  await page.getByLabel('License number').fill(s.number);
  await page.getByRole('button', { name: 'Activate' }).click();
  await page.getByRole('button', { name: 'Renew' }).click();
  await expect(page.getByRole('heading', { name: 'User registration' })).toBeVisible();
  await page.getByLabel('Product registration number').fill(s.registrationNumber);
  await page.getByLabel('Install key').fill(s.installKey);
  await page.getByLabel('Your name').fill('Taro Yamada');
  await page.getByLabel('E-mail address').fill('yamada@example.jp');
  await page.getByRole('button', { name: 'Register and go to the quote' }).click();
  await expect(page.getByRole('heading', { name: 'Quote' })).toBeVisible();
  await expect(page.getByTestId('quote-total')).toHaveText('¥50,600');
  await shot(page, 'wizard-step2-quote-en', { fullPage: true });
});
