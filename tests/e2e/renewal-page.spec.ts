import path from 'node:path';
import { expect, test } from '@playwright/test';
import {
  admin,
  issueLicense,
  issuePackage,
  jstDate,
  type Running,
  showLicense,
  startLicenseService,
  tempDir,
} from './support/processes';
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

  // The link opened again (from the mail, the product, the history): done, restart the product, nothing to pay.
  await page.goto(`${service.url}/renew/sakura-kaikei?license=${number}`);
  await expect(page.getByRole('heading', { name: '更新は完了しています' })).toBeVisible();
  await expect(page.getByText('製品を再起動すると、新しい有効期間が確認されます')).toBeVisible();
  await expect(page.getByRole('button', { name: '支払へ進む' })).toHaveCount(0);
  await expect(page.locator('.error')).toHaveCount(0);
  await shot(page, 'renewal-web-page-complete');
  expect(showLicense(db, number).orders.map((o) => o.state)).toEqual(['paid']);
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
  // No address on file: the page does not claim a mail.
  await expect(page.getByText('メールでもお送りしました')).toHaveCount(0);
  const reference = await page.getByTestId('reference').textContent();
  await shot(page, 'renewal-web-page-bank-transfer', { fullPage: true });
  // A second visit shows the same instructions again (not an error), with the due date and the warning.
  await page.goto(`${service.url}/renew?license=${number}`);
  await expect(page.getByRole('heading', { name: 'お振込をお待ちしています' })).toBeVisible();
  await expect(page.getByTestId('reference')).toHaveText(reference!);
  await expect(page.getByTestId('transfer-amount')).toHaveText('¥48,400');
  await expect(page.getByTestId('due-on')).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日$/);
  await expect(page.getByRole('alert')).toContainText('二重のお振込にご注意ください');
  await expect(page.getByText('050-3000-1001')).toBeVisible();
  await shot(page, 'renewal-web-page-bank-transfer-again', { fullPage: true });
  expect(showLicense(db, number).orders.map((o) => o.state)).toEqual(['pending']);
});

/** The last day of the month `monthsAgo` months before this one (JST), for the month-end products. */
function monthEnd(monthsAgo: number): string {
  const today = jstDate(0);
  const [y, m] = today.split('-').map(Number);
  const last = new Date(Date.UTC(y!, m! - monthsAgo, 0));
  return last.toISOString().slice(0, 10);
}

test('with a mail address the transfer page says the instructions were mailed', async ({ page }) => {
  const dir = tempDir('e2e-renew-mailed');
  const db = path.join(dir, 'service.sqlite');
  const service = await startLicenseService({ dbPath: db });
  running.push(service);
  const issued = admin(db, [
    'issue',
    '--product',
    'sakura-kaikei',
    '--edition',
    'download',
    '--start',
    '2025-01-01',
    '--end',
    jstDate(20),
    '--customer',
    '山田 太郎',
    '--email',
    'taro@example.jp',
    '--json',
  ]);
  const number = (JSON.parse(issued) as { license: { number: string } }).license.number;
  await page.goto(`${service.url}/renew?license=${number}`);
  await page.getByLabel('銀行振込').check();
  await page.getByRole('button', { name: '支払へ進む' }).click();
  await expect(page.getByRole('heading', { name: 'お振込のご案内' })).toBeVisible();
  await expect(page.getByTestId('mailed')).toHaveText('同じ内容をメールでもお送りしました。');
  await shot(page, 'renewal-web-page-bank-transfer-mailed', { fullPage: true });
});

test('a declined card goes back to the payment form with the method kept, then a good card pays', async ({ page }) => {
  const dir = tempDir('e2e-renew-declined');
  const db = path.join(dir, 'service.sqlite');
  const service = await startLicenseService({ dbPath: db });
  running.push(service);
  const number = issueLicense(db, { product: 'sakura-kaikei', edition: 'download', start: '2025-01-01', end: jstDate(20) });
  await page.goto(`${service.url}/renew?license=${number}`);
  await page.getByLabel('クレジットカード').check();
  await page.getByLabel('カード番号').fill('4000 0000 0000 0002');
  await page.getByLabel('有効期限（MM/YY）').fill('12/29');
  await page.getByRole('button', { name: '支払へ進む' }).click();
  await expect(page.getByRole('alert')).toContainText('カードでのお支払いができませんでした');
  await expect(page.getByLabel('クレジットカード')).toBeChecked();
  await expect(page.getByLabel('カード番号')).toHaveValue('');
  await expect(page.getByTestId('total')).toHaveText('¥48,400');
  await shot(page, 'renewal-web-page-declined', { fullPage: true });
  await page.getByLabel('カード番号').fill('4242 4242 4242 4242');
  await page.getByLabel('有効期限（MM/YY）').fill('12/29');
  await page.getByRole('button', { name: '支払へ進む' }).click();
  await expect(page.getByRole('heading', { name: 'お支払いが完了しました' })).toBeVisible();
  expect(showLicense(db, number).orders.map((o) => o.state)).toEqual(['declined', 'paid']);
});

test('a package license: renewed in the product; the booklet registration on the page, then the quote', async ({ page }) => {
  const dir = tempDir('e2e-renew-package');
  const db = path.join(dir, 'service.sqlite');
  const service = await startLicenseService({ dbPath: db });
  running.push(service);
  const pkg = issuePackage(db, { start: '2025-01-01', end: jstDate(20) });
  await page.goto(`${service.url}/renew?license=${pkg.number}`);
  await expect(page.getByText('今スグ更新する')).toBeVisible();
  await expect(page.getByText('「はじめにお読みください」')).toBeVisible();
  await shot(page, 'renewal-web-page-package-registration', { fullPage: true });
  await page.getByLabel('製品登録番号').fill(pkg.registrationNumber);
  await page.getByLabel('インストールキー').fill('WRONG');
  await page.getByLabel('お名前').fill('佐藤 花子');
  await page.getByLabel('メールアドレス').fill('sato@example.jp');
  await page.getByRole('button', { name: '登録して見積を表示する' }).click();
  await expect(page.getByRole('alert')).toContainText('製品登録番号またはインストールキーが正しくありません');
  await expect(page.getByLabel('お名前')).toHaveValue('佐藤 花子');
  await page.getByLabel('インストールキー').fill(pkg.installKey);
  await page.getByRole('button', { name: '登録して見積を表示する' }).click();
  await expect(page.getByText('ユーザー登録が完了しました')).toBeVisible();
  await expect(page.getByTestId('total')).toHaveText('¥50,600');
  await expect(page.getByRole('button', { name: '支払へ進む' })).toBeVisible();
  await shot(page, 'renewal-web-page-package-quote', { fullPage: true });
});

test('licenses renewed elsewhere or not yet: annual, before the window, the modelling tool resumed and past its limit', async ({
  page,
}) => {
  const dir = tempDir('e2e-renew-states');
  const db = path.join(dir, 'service.sqlite');
  const service = await startLicenseService({ dbPath: db });
  running.push(service);

  const annual = issueLicense(db, { product: 'model-studio-annual', edition: 'download', start: '2025-01-01', end: jstDate(20) });
  await page.goto(`${service.url}/renew?license=${annual}`);
  await expect(page.getByRole('heading', { name: 'このライセンスはこのページでは更新できません' })).toBeVisible();
  await expect(page.getByRole('link', { name: '購入ページへ' })).toHaveAttribute(
    'href',
    'https://shop.example.jp/products/model-studio-annual',
  );
  await shot(page, 'renewal-web-page-annual');

  const early = issueLicense(db, { product: 'sakura-kaikei', edition: 'download', start: '2025-01-01', end: jstDate(200) });
  await page.goto(`${service.url}/renew?license=${early}`);
  await expect(page.getByRole('heading', { name: '更新のお申し込みはまだ受け付けていません' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('からお申し込みいただけます');
  await expect(page.locator('.error')).toHaveCount(0);
  await shot(page, 'renewal-web-page-not-open');

  // Seed 003: ended four months ago (month-end basis), resumable for three years after the end month.
  const ended = monthEnd(4);
  const lapsed = issueLicense(db, { product: 'model-studio', edition: 'download', start: '2024-01-01', end: ended });
  await page.goto(`${service.url}/renew/model-studio?license=${lapsed}`);
  await expect(page.getByTestId('resume-deadline')).toHaveText(/^\d{4}年\d{1,2}月\d{1,2}日 15:00（日本時間）$/);
  await expect(page.getByTestId('resume-deadline')).toContainText(
    `${Number(ended.slice(0, 4)) + 3}年${Number(ended.slice(5, 7))}月`,
  );
  // The month-end term from the payment month: today to the end of the 12th month counted from this one.
  const today = jstDate(0);
  const todayText = `${Number(today.slice(0, 4))}年${Number(today.slice(5, 7))}月${Number(today.slice(8, 10))}日`;
  await expect(page.getByTestId('new-term')).toHaveText(new RegExp(`^${todayText} 〜 \\d{4}年\\d{1,2}月\\d{1,2}日$`));
  await expect(page.getByText('お支払いの月を1ヶ月目として12ヶ月目の月末まで')).toBeVisible();
  await shot(page, 'renewal-web-page-resumption', { fullPage: true });

  const old = issueLicense(db, { product: 'model-studio', edition: 'download', start: '2021-01-01', end: '2022-07-31' });
  await page.goto(`${service.url}/renew/model-studio?license=${old}`);
  await expect(page.getByRole('heading', { name: '再開できる期限を過ぎています' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('2025年7月31日 15:00（日本時間）');
  await expect(page.getByRole('link', { name: '購入ページへ' })).toHaveAttribute(
    'href',
    'https://shop.example.jp/products/model-studio',
  );
  await expect(page.getByRole('button', { name: '支払へ進む' })).toHaveCount(0);
  await shot(page, 'renewal-web-page-repurchase');
});

test('the page in English: English punctuation, dates and yen; the language can be switched', async ({ page }) => {
  const dir = tempDir('e2e-renew-en');
  const db = path.join(dir, 'service.sqlite');
  const service = await startLicenseService({ dbPath: db });
  running.push(service);
  const number = issueLicense(db, { product: 'model-studio', edition: 'download', start: '2024-01-01', end: monthEnd(4) });
  await page.goto(`${service.url}/renew/model-studio?license=${number}&lang=en`);
  await expect(page.getByRole('heading', { name: 'Maintenance service renewal' })).toBeVisible();
  const text = await page.locator('main').innerText();
  expect(text).not.toMatch(/[「」（）、。〜]/);
  await expect(page.getByTestId('new-term')).toHaveText(
    /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} [A-Z][a-z]+ \d{4} – (Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} [A-Z][a-z]+ \d{4}$/,
  );
  await expect(page.getByTestId('resume-deadline')).toHaveText(/, 15:00 Japan time$/);
  await expect(page.getByTestId('total')).toHaveText(/^¥\d{1,3}(,\d{3})*$/);
  await shot(page, 'renewal-web-page-en', { fullPage: true });
  await page.getByRole('link', { name: '日本語' }).click();
  await expect(page.getByRole('heading', { name: '基本使用サービス 更新申込' })).toBeVisible();
  await expect(page.getByText('再開できる期限')).toBeVisible();
});
