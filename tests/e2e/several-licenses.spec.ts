import { expect, type Page, test } from '@playwright/test';
import { activate, startApp, stopAfterEachTest } from './support/app';
import { issueForCustomer, lastGroup, registerPackage, renewOnOtherDevice, startWithTwoLicenses } from './support/customers';
import { jstDate, showLicense } from './support/processes';
import { shot } from './support/screenshots';

// Seed 003 (issue 11) on the desktop, against the real service signing `support`: a suspended license, a license
// left behind by a partial renewal, and the wizard renewing the customer's licenses together to one end date.
const running = stopAfterEachTest();

const heading = (page: Page, name: string) => page.getByRole('heading', { name });
const masked = (number: string) => `****-****-****-${lastGroup(number)}`;

/** STEP2 → STEP6 from a quote: 次へ, the card, and the sandbox's accepted number (the single renewal's path). */
async function payBySandboxCard(page: Page): Promise<void> {
  await page.getByRole('button', { name: '次へ' }).click();
  await page.getByLabel('クレジットカード').check();
  await page.getByRole('button', { name: '支払へ進む' }).click();
  await page.getByLabel('カード番号').fill('4242 4242 4242 4242');
  await page.getByLabel('有効期限（MM/YY）').fill('12/29');
  await page.getByRole('button', { name: 'カードで支払う' }).click();
}

/** The start of the app's Japanese date (before its weekday): 2026年11月23日. */
const jaDate = (date: string) =>
  new Intl.DateTimeFormat('ja-JP', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' }).format(
    new Date(`${date}T00:00:00Z`),
  );

test('a suspended license: ご契約状況 and バージョン情報 say which license ended, since when, and how to lift it', async ({
  page,
}) => {
  const s = await startApp(running, { license: null });
  const endedOn = jstDate(-10);
  const ended = issueForCustomer(s.serviceDb, { start: jstDate(-400), end: endedOn, customer: '株式会社さくら商事' });
  const mine = issueForCustomer(s.serviceDb, { start: jstDate(-200), end: jstDate(200), sameCustomerAs: ended.number });
  await page.goto(s.hostUrl);
  await activate(page, mine.number);

  // The product starts as usual; the notice names the other license and both ways to renew.
  await expect(heading(page, 'ご契約状況')).toBeVisible();
  const notices = page.getByRole('list', { name: 'お知らせ' });
  await expect(notices).toContainText(`ライセンス ${masked(ended.number)}（さくら会計 Desktop）のサポートが${jaDate(endedOn)}`);
  await expect(notices).toContainText(`このライセンスのサポートは${jaDate(jstDate(-9))}`);
  await expect(notices).toContainText('お持ちのライセンスのサポートをまとめて更新してください');
  await shot(page, 'support-suspended-home', { fullPage: true });

  await page.getByRole('button', { name: 'ヘルプ' }).click();
  await page.getByRole('menuitem', { name: 'バージョン情報' }).click();
  const line = page.getByTestId('support-state');
  await expect(line).toContainText(`一時停止中（${jaDate(jstDate(-9))}`);
  await expect(line).toContainText(masked(ended.number));
  await expect(page.getByTestId('update-disabled')).toContainText('サポートが一時停止しているため');
  // The dialog is taller than the default window: a taller one shows it whole, 閉じる included.
  await page.setViewportSize({ width: 960, height: 900 });
  await shot(page, 'support-suspended-version-info');
});

test('a license left behind by a partial renewal: the blocking screen with the renewed license and the support desk', async ({
  page,
}) => {
  const s = await startApp(running, { license: null });
  const renewed = issueForCustomer(s.serviceDb, { start: jstDate(-385), end: jstDate(30), customer: '株式会社さくら商事' });
  const mine = issueForCustomer(s.serviceDb, { start: jstDate(-385), end: jstDate(-20), sameCustomerAs: renewed.number });
  // The customer renewed only the other license, on its own PC, after this one's support had ended.
  await registerPackage(s.serviceUrl, renewed);
  await renewOnOtherDevice(s.serviceUrl, renewed.number);

  await page.goto(s.hostUrl);
  await activate(page, mine.number);
  await expect(heading(page, 'このライセンスは継続してお使いいただけません')).toBeVisible();
  await expect(page.getByText(`このライセンス（${masked(mine.number)}）は更新されなかったため`)).toBeVisible();
  await expect(page.getByTestId('not-renewed-cause')).toContainText(`${jaDate(jstDate(0))}`);
  await expect(page.getByTestId('not-renewed-cause')).toContainText(`ライセンス ${masked(renewed.number)}（さくら会計 Desktop）`);
  await expect(heading(page, 'サポートセンター')).toBeVisible();
  await expect(page.getByRole('button', { name: '再確認する' })).toBeVisible();
  await expect(page.getByRole('button', { name: /製品を使う/ })).toHaveCount(0);
  await shot(page, 'license-not-renewed', { fullPage: true });
});

test('the wizard renews both licenses together to one end date by card, and both end on it', async ({ page }) => {
  const s = await startWithTwoLicenses(running);
  const otherEnd = jstDate(100);
  await page.goto(s.hostUrl);
  await activate(page, s.mine.number);
  await expect(heading(page, 'ご契約状況')).toBeVisible();
  await page.getByRole('button', { name: '更新手続きへ' }).click();

  // STEP2 → STEP3: renew together, aligned on the latest-ending license renewed for 12 months.
  await expect(heading(page, 'お見積り')).toBeVisible();
  await page.getByRole('button', { name: '見積を変更する' }).click();
  await expect(heading(page, '更新期間とオプションの選択')).toBeVisible();
  const scope = page.getByRole('group', { name: '更新するライセンス' });
  await expect(scope.getByLabel('このライセンスだけ更新する')).toBeChecked();
  await scope.getByLabel('お持ちのライセンスをまとめて更新し、サポート終了日をそろえる').check();
  await page.getByLabel(/選んだ更新期間だけ延長した日にそろえる/).check();
  await page.getByLabel('12ヶ月').check();
  await expect(page.getByRole('group', { name: 'オプション' })).toHaveCount(0);
  await shot(page, 'renewal-co-term-choose', { fullPage: true });
  await page.getByRole('button', { name: '次へ' }).click();

  // The co-terming quote: both licenses, this device's marked, to the common end.
  const table = page.getByRole('table', { name: 'まとめて更新するライセンス' });
  await expect(table).toBeVisible();
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(2);
  const mineRow = rows.filter({ hasText: masked(s.mine.number) });
  const otherRow = rows.filter({ hasText: masked(s.other.number) });
  await expect(mineRow).toContainText('この端末');
  await expect(otherRow).not.toContainText('この端末');
  const commonEnd = (await otherRow.locator('time').nth(1).getAttribute('datetime'))!;
  expect(commonEnd > otherEnd).toBe(true);
  await expect(otherRow.locator('time').first()).toHaveAttribute('datetime', otherEnd);
  await expect(mineRow.locator('time').nth(1)).toHaveAttribute('datetime', commonEnd);
  await expect(page.getByTestId('co-term-common-end')).toContainText(jaDate(commonEnd));
  await expect(page.getByTestId('quote-total')).toHaveText(/^￥[\d,]+$/);
  await shot(page, 'renewal-co-term-quote', { fullPage: true });

  // STEP4 → STEP5: the same payment path as a single renewal.
  await payBySandboxCard(page);

  // STEP6: both licenses end on the common end, at the service too.
  await expect(heading(page, '更新のお手続きが完了しました')).toBeVisible();
  await expect(page.getByTestId('co-term-done')).toContainText(
    `次の2件のライセンスのサポート終了日は、すべて${jaDate(commonEnd)}`,
  );
  await expect(page.getByRole('listitem').filter({ hasText: masked(s.other.number) })).toBeVisible();
  await shot(page, 'renewal-co-term-done', { fullPage: true });
  expect(showLicense(s.serviceDb, s.mine.number).license.termEnd).toBe(commonEnd);
  expect(showLicense(s.serviceDb, s.other.number).license.termEnd).toBe(commonEnd);

  await page.getByRole('button', { name: '再起動する' }).click();
  await expect(heading(page, 'ご契約状況')).toBeVisible();
  await expect(page.getByTestId('home-term-end')).toHaveAttribute('datetime', commonEnd);
});

test('a suspended license renews together before its own window opens: the ended license is resumed and the suspension lifts', async ({
  page,
}) => {
  const s = await startApp(running, { license: null });
  const ended = issueForCustomer(s.serviceDb, { start: jstDate(-400), end: jstDate(-10), customer: '株式会社さくら商事' });
  const mineEnd = jstDate(200);
  const mine = issueForCustomer(s.serviceDb, { start: jstDate(-200), end: mineEnd, sameCustomerAs: ended.number });
  await registerPackage(s.serviceUrl, ended);
  await registerPackage(s.serviceUrl, mine);
  await page.goto(s.hostUrl);
  await activate(page, mine.number);
  await expect(page.locator('[data-notice="support-suspended"]')).toBeVisible();

  // Renewing this license alone is not open yet; renewing together is.
  await page.getByRole('button', { name: 'お持ちのライセンスをまとめて更新する' }).click();
  await expect(heading(page, 'まだ更新のお手続きはできません')).toBeVisible();
  await shot(page, 'renewal-co-term-not-open', { fullPage: true });
  await page.getByRole('button', { name: 'お持ちのライセンスをまとめて更新する' }).click();
  await page.getByLabel('お持ちのライセンスをまとめて更新し、サポート終了日をそろえる').check();
  await expect(page.getByLabel('お持ちのライセンスのうち、いちばん遅いサポート終了日にそろえる')).toBeChecked();
  await page.getByRole('button', { name: '次へ' }).click();

  const rows = page.getByRole('table', { name: 'まとめて更新するライセンス' }).locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: masked(ended.number) })).toContainText('再開');
  await expect(rows.filter({ hasText: masked(mine.number) })).toContainText('そろっています');
  await expect(page.getByTestId('co-term-common-end')).toContainText(jaDate(mineEnd));
  await shot(page, 'renewal-co-term-resume-quote', { fullPage: true });
  await payBySandboxCard(page);

  await expect(heading(page, '更新のお手続きが完了しました')).toBeVisible();
  expect(showLicense(s.serviceDb, ended.number).license.termEnd).toBe(mineEnd);
  await page.getByRole('button', { name: '再起動する' }).click();
  await expect(heading(page, 'ご契約状況')).toBeVisible();
  await expect(page.getByTestId('home-term-end')).toHaveAttribute('datetime', mineEnd);
  await expect(page.locator('[data-notice="support-suspended"]')).toHaveCount(0);
});
