import Database from 'better-sqlite3';
import { expect, type Page, test } from '@playwright/test';
import { setAppState } from '../fixtures/tamper-store';
import { expectAccessible, expectVisibleFocus, tabTo } from './support/a11y';
import { activate, activateOnSecondDevice, startApp, type StartedApp, stopAfterEachTest } from './support/app';
import { startWithTwoLicenses } from './support/customers';
import { admin, jstDate, startBrowserHost, tempDir } from './support/processes';
import { placeRelease } from './support/releases';

// Accessibility (issue 9 §4): axe over every screen the user can meet (WCAG 2.x A and AA; no serious or critical
// violation; each screen's counts printed as one `a11y …` line for the CI log), and every flow by keyboard alone with
// a visible focus. Same real service, browser host and SQLite files as the other e2e specs.
const running = stopAfterEachTest();

const heading = (page: Page, name: string) => page.getByRole('heading', { name });
/**
 * The first screen is up and has put the focus on its heading (App.tsx does on every screen change). A Tab pressed
 * before that lands nowhere, and the heading's focus then arrives in the middle of tabTo's walk.
 */
const screenShown = (page: Page, name: string) => expect(heading(page, name)).toBeFocused();

/** A wizard step has arrived: its heading has the focus (so the next Tab is inside the step) and nothing is sending. */
async function onStep(page: Page, title: string): Promise<void> {
  await expect(heading(page, title)).toBeFocused();
  await expect(page.getByRole('button', { name: /^(戻る|更新をやめる)$/ })).toBeEnabled();
}

/** Restarts the browser host on the same app database (a restart of the app) and opens it. */
async function restartHost(page: Page, s: StartedApp, change: () => void): Promise<void> {
  await s.host.stop();
  change();
  const host = await startBrowserHost({ serviceUrl: s.serviceUrl, dbPath: s.appDb });
  running.push(host);
  s.host = host;
  await page.goto(host.url);
}

test.describe('axe: no serious or critical WCAG A/AA violation', () => {
  test('ライセンス認証 with the trial, an activation error, the trial home and お試し期間が終了しました', async ({ page }) => {
    const s = await startApp(running, { product: 'menzei-terminal', license: null, demo: true });
    await page.goto(s.hostUrl);
    await expect(heading(page, 'お試し版として使う')).toBeVisible();
    await expectAccessible(page, 'activate+trial');

    await activate(page, 'XXXX');
    await expect(page.getByRole('alert')).toBeVisible();
    await expectAccessible(page, 'activate (error)');

    await page.getByLabel('利用規約に同意します').check();
    await page.getByRole('button', { name: 'お試しを開始する' }).click();
    await expect(heading(page, 'ご契約状況')).toBeVisible();
    await expectAccessible(page, 'home (trial)');

    admin(s.serviceDb, ['clock', '--advance-days', '31'], { LICENSE_SERVICE_DEMO: '1' });
    await page.getByRole('button', { name: '今すぐ確認する' }).click();
    await expect(heading(page, 'お試し期間が終了しました')).toBeVisible();
    await expectAccessible(page, 'trial-ended');

    // In English the page says so (<html lang="en">), so a screen reader switches voice.
    await page.getByLabel('表示言語').selectOption('en');
    await expect(heading(page, 'Your trial has ended')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expectAccessible(page, 'trial-ended (English)');
  });

  test('ご契約状況 with reminders, バージョン情報, サポート and the renewal wizard paid by card (steps 1–6)', async ({
    page,
  }) => {
    const s = await startApp(running, { license: { edition: 'package', start: '2025-12-01', end: jstDate(15), booklet: true } });
    await page.goto(s.hostUrl);
    await activate(page, s.number!);
    await expect(heading(page, 'ご契約状況')).toBeVisible();
    await expect(page.locator('[data-notice="reminder-20-days"]')).toBeVisible();
    await expectAccessible(page, 'home');

    await page.getByRole('button', { name: 'ヘルプ' }).click();
    await expect(page.getByRole('menuitem', { name: 'バージョン情報' })).toBeVisible();
    await expectAccessible(page, 'help menu');
    await page.getByRole('menuitem', { name: 'バージョン情報' }).click();
    await expect(page.getByRole('dialog', { name: 'バージョン情報' })).toBeVisible();
    await expectAccessible(page, 'version-info');
    await page.getByRole('button', { name: '閉じる' }).click();

    await page.getByRole('button', { name: 'ヘルプ' }).click();
    await page.getByRole('menuitem', { name: 'サポート' }).click();
    await expect(page.getByRole('dialog', { name: 'サポートセンター' })).toBeVisible();
    await expectAccessible(page, 'support');
    await page.getByRole('button', { name: '閉じる' }).click();

    await page.getByRole('button', { name: '更新手続きへ' }).click();
    await expect(heading(page, 'ユーザー登録')).toBeVisible();
    await expectAccessible(page, 'wizard 1 registration');
    await page.getByLabel('製品登録番号').fill(s.booklet!.registrationNumber);
    await page.getByLabel('インストールキー').fill(s.booklet!.installKey);
    await page.getByLabel('お名前（ご担当者名）').fill('山田 太郎');
    await page.getByLabel('メールアドレス').fill('yamada@example.jp');
    await page.getByRole('button', { name: '登録して見積りへ進む' }).click();

    await expect(heading(page, 'お見積り')).toBeVisible();
    await expectAccessible(page, 'wizard 2 quote');
    await page.getByRole('button', { name: '見積を変更する' }).click();
    await expect(heading(page, '更新期間とオプションの選択')).toBeVisible();
    await expectAccessible(page, 'wizard 3 length/options');
    await page.getByRole('button', { name: '次へ' }).click();
    await page.getByRole('button', { name: '次へ' }).click();

    await expect(heading(page, '支払方法の確認')).toBeVisible();
    await page.getByLabel('口座振替（自動引き落とし）').check();
    await expect(page.getByRole('note')).toBeVisible();
    await expectAccessible(page, 'wizard 4 payment method (account transfer note)');
    await page.getByLabel('クレジットカード').check();
    await page.getByRole('button', { name: '支払へ進む' }).click();

    await expect(page.getByLabel('カード番号')).toBeVisible();
    await expectAccessible(page, 'wizard 5 card form');
    await page.getByLabel('カード番号').fill('4000 0000 0000 0002');
    await page.getByLabel('有効期限（MM/YY）').fill('12/29');
    await page.getByRole('button', { name: 'カードで支払う' }).click();
    await expect(page.getByRole('alert')).toHaveAttribute('data-error-code', 'payment-declined');
    await expectAccessible(page, 'wizard 5 card declined');
    await page.getByLabel('カード番号').fill('4242 4242 4242 4242');
    await page.getByRole('button', { name: 'カードで支払う' }).click();

    await expect(heading(page, '更新のお手続きが完了しました')).toBeVisible();
    await expectAccessible(page, 'wizard 6 done (paid)');
  });

  test('the renewal wizard by bank transfer: step 5 order and step 6 instructions', async ({ page }) => {
    const s = await startApp(running, { license: { edition: 'package', start: '2025-12-01', end: jstDate(20), booklet: true } });
    await page.goto(s.hostUrl);
    await activate(page, s.number!);
    await page.getByRole('button', { name: '更新手続きへ' }).click();
    await page.getByLabel('製品登録番号').fill(s.booklet!.registrationNumber);
    await page.getByLabel('インストールキー').fill(s.booklet!.installKey);
    await page.getByLabel('お名前（ご担当者名）').fill('山田 太郎');
    await page.getByLabel('メールアドレス').fill('yamada@example.jp');
    await page.getByRole('button', { name: '登録して見積りへ進む' }).click();
    await page.getByRole('button', { name: '見積を変更する' }).click();
    await page.getByRole('button', { name: '次へ' }).click();
    await page.getByRole('button', { name: '次へ' }).click();
    await page.getByLabel('銀行振込').check();
    await page.getByRole('button', { name: '支払へ進む' }).click();
    await expect(page.getByRole('button', { name: 'この内容で申し込む' })).toBeVisible();
    await expectAccessible(page, 'wizard 5 transfer order');
    await page.getByRole('button', { name: 'この内容で申し込む' }).click();
    await expect(heading(page, 'お振込のご案内')).toBeVisible();
    await expectAccessible(page, 'wizard 6 bank transfer instructions');
  });

  test('renewing several licenses together: the scope choice (step 3) and the co-terming quote (step 2)', async ({ page }) => {
    const s = await startWithTwoLicenses(running);
    await page.goto(s.hostUrl);
    await activate(page, s.mine.number);
    await page.getByRole('button', { name: '更新手続きへ' }).click();
    await page.getByRole('button', { name: '見積を変更する' }).click();
    await page.getByLabel('お持ちのライセンスをまとめて更新し、サポート終了日をそろえる').check();
    await expect(page.getByRole('group', { name: 'そろえるサポート終了日' })).toBeVisible();
    await expectAccessible(page, 'wizard 3 renew together');
    await page.getByRole('button', { name: '次へ' }).click();
    await expect(page.getByRole('table', { name: 'まとめて更新するライセンス' })).toBeVisible();
    await expectAccessible(page, 'wizard 2 co-terming quote');
  });

  test('今スグ更新する (package past its term)', async ({ page }) => {
    const s = await startApp(running, { license: { edition: 'package', start: '2025-01-01', end: jstDate(-10) } });
    await page.goto(s.hostUrl);
    await activate(page, s.number!);
    await expect(page.getByRole('button', { name: '今スグ更新する' })).toBeVisible();
    await expectAccessible(page, 'renew-now');
  });

  test('更新申込Webページへ (download edition past its term)', async ({ page }) => {
    const s = await startApp(running, { license: { edition: 'download', start: '2025-01-01', end: jstDate(-10) } });
    await page.goto(s.hostUrl);
    await activate(page, s.number!);
    await expect(page.getByRole('button', { name: '更新申込Webページへ' })).toBeVisible();
    await expectAccessible(page, 'renewal-web-page');
  });

  test('買い直し (annual license past its term)', async ({ page }) => {
    const s = await startApp(running, {
      product: 'model-studio-annual',
      license: { edition: 'download', start: '2025-11-01', end: jstDate(-5) },
    });
    await page.goto(s.hostUrl);
    await activate(page, s.number!);
    await expect(heading(page, 'このライセンスは更新・再開できません')).toBeVisible();
    await expectAccessible(page, 'repurchase');
  });

  test('別の端末で使用されています, then 停止されています', async ({ page, browser }) => {
    const s = await startApp(running);
    await page.goto(s.hostUrl);
    await activate(page, s.number!);
    await expect(heading(page, 'ご契約状況')).toBeVisible();
    await activateOnSecondDevice(browser, running, s);

    await page.getByRole('button', { name: '今すぐ確認する' }).click();
    await expect(heading(page, 'このライセンスは別の端末で使用されています')).toBeVisible();
    await expectAccessible(page, 'license-moved');

    await activate(page, s.number!);
    await expect(heading(page, 'ご契約状況')).toBeVisible();
    admin(s.serviceDb, ['revoke', '--number', s.number!]);
    await page.getByRole('button', { name: '今すぐ確認する' }).click();
    await expect(heading(page, 'このライセンスは停止されています')).toBeVisible();
    await expectAccessible(page, 'license-stopped');
  });

  test('オンライン確認が必要です (lease run out offline), then 時計の巻き戻し', async ({ page }) => {
    const s = await startApp(running);
    await page.goto(s.hostUrl);
    await activate(page, s.number!);
    await expect(heading(page, 'ご契約状況')).toBeVisible();
    // Twenty days on (the signed lease is 14 days, the grace 3) with the service out of reach: the app follows the
    // stored demo offset, as it does after `admin clock --advance-days 20` in demo mode.
    await s.service.stop();
    await restartHost(page, s, () => setAppState(s.appDb, 'demo_clock_offset_ms', String(20 * 86_400_000)));
    await expect(page.locator('main[data-screen="needs-online-check"]')).toBeVisible();
    await expectAccessible(page, 'needs-online-check');

    // Back to today's clock: the app has seen a time twenty days later, so the clock was set back.
    await restartHost(page, s, () => setAppState(s.appDb, 'demo_clock_offset_ms', '0'));
    await expect(page.locator('main[data-screen="clock-rollback"]')).toBeVisible();
    await expectAccessible(page, 'clock-rollback');
  });

  test('the store cannot be opened (saved by a newer version)', async ({ page }) => {
    const s = await startApp(running, {
      beforeHost: (appDb) => {
        const db = new Database(appDb);
        db.pragma('user_version = 999');
        db.close();
      },
    });
    await page.goto(s.hostUrl);
    await expect(page.locator('main[data-screen="store-unavailable"]')).toBeVisible();
    await expectAccessible(page, 'store-unavailable');
  });
});

test.describe('keyboard alone, with a visible focus', () => {
  test('ライセンス認証: Tab to the field, type, Tab to 認証する, Enter; then 今すぐ確認する', async ({ page }) => {
    const s = await startApp(running);
    await page.goto(s.hostUrl);
    await screenShown(page, 'ライセンス認証');
    await tabTo(page, page.getByLabel('ライセンス番号'));
    await page.keyboard.type(s.number!);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: '認証する' })).toBeFocused();
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    // The form is gone: the focus is on the new screen's heading, not back at the top of the window.
    await expect(heading(page, 'ご契約状況')).toBeFocused();
    const check = page.getByRole('button', { name: '今すぐ確認する' });
    await tabTo(page, check, { max: 2 });
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('home-last-check')).not.toHaveText('未確認');
    // It kept the focus through the check (aria-disabled while checking, not disabled).
    await expect(check).toBeFocused();
    await expectVisibleFocus(page);
  });

  test('the renewal wizard from ご契約状況 to the payment, by Tab, Shift+Tab, Enter and Space', async ({ page }) => {
    const s = await startApp(running, { license: { edition: 'package', start: '2025-12-01', end: jstDate(20), booklet: true } });
    await page.goto(s.hostUrl);
    await screenShown(page, 'ライセンス認証');
    await tabTo(page, page.getByLabel('ライセンス番号'));
    await page.keyboard.type(s.number!);
    await page.keyboard.press('Enter');
    await expect(heading(page, 'ご契約状況')).toBeVisible();

    await tabTo(page, page.getByRole('button', { name: '更新手続きへ' }));
    await page.keyboard.press('Enter');
    await onStep(page, 'ユーザー登録');
    for (const [label, text] of [
      ['製品登録番号', s.booklet!.registrationNumber],
      ['インストールキー', s.booklet!.installKey],
      ['お名前（ご担当者名）', '山田 太郎'],
      ['メールアドレス', 'yamada@example.jp'],
    ] as const) {
      await tabTo(page, page.getByLabel(label));
      await page.keyboard.type(text);
    }
    await page.keyboard.press('Enter');

    // STEP2 → STEP3: the focus follows the step, so the next Tab is inside it.
    await onStep(page, 'お見積り');
    await tabTo(page, page.getByRole('button', { name: '見積を変更する' }), { max: 3 });
    await page.keyboard.press('Enter');
    await onStep(page, '更新期間とオプションの選択');
    const efiling = page.getByLabel('電子申告オプション');
    await tabTo(page, efiling, { max: 4 });
    await page.keyboard.press('Space');
    await expect(efiling).not.toBeChecked();
    await tabTo(page, page.getByRole('button', { name: '次へ' }), { max: 4 });
    await page.keyboard.press('Enter');
    await onStep(page, 'お見積り');
    await tabTo(page, page.getByRole('button', { name: '次へ' }), { max: 3 });
    await page.keyboard.press('Enter');

    // STEP4: the method with Space, then 支払へ進む.
    await onStep(page, '支払方法の確認');
    const card = page.getByLabel('クレジットカード');
    await tabTo(page, card, { max: 3 });
    await page.keyboard.press('Space');
    await expect(card).toBeChecked();
    await expect(page.getByRole('button', { name: '支払へ進む' })).toBeEnabled();
    await tabTo(page, page.getByRole('button', { name: '支払へ進む' }), { max: 4 });
    await page.keyboard.press('Enter');

    // STEP5: the card form; Shift+Tab goes back to correct the number.
    await onStep(page, 'お支払い');
    await tabTo(page, page.getByLabel('カード番号'), { max: 3 });
    await page.keyboard.type('4242 4242 4242 4241');
    await page.keyboard.press('Tab');
    await page.keyboard.type('12/29');
    await tabTo(page, page.getByLabel('カード番号'), { back: true, max: 2 });
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('2');
    await expect(page.getByLabel('カード番号')).toHaveValue('4242 4242 4242 4242');
    await tabTo(page, page.getByRole('button', { name: 'カードで支払う' }), { max: 4 });
    await page.keyboard.press('Enter');
    await expect(heading(page, '更新のお手続きが完了しました')).toBeFocused();
    await tabTo(page, page.getByRole('button', { name: '再起動する' }), { max: 3 });
  });

  test('サポート and バージョン情報 open from the ヘルプ menu and close with Escape, the focus back on ヘルプ', async ({
    page,
  }) => {
    const s = await startApp(running);
    await page.goto(s.hostUrl);
    await activate(page, s.number!);
    await expect(heading(page, 'ご契約状況')).toBeVisible();
    const help = page.getByRole('button', { name: 'ヘルプ' });
    await tabTo(page, help);

    for (const [item, title] of [
      ['バージョン情報', 'バージョン情報'],
      ['サポート', 'サポートセンター'],
    ] as const) {
      await expect(help).toBeFocused();
      await page.keyboard.press('Enter');
      // The menu opens on its first item; the arrow keys move through it, Enter chooses.
      await expect(page.getByRole('menuitem', { name: 'バージョン情報' })).toBeFocused();
      await expectVisibleFocus(page);
      if (item === 'サポート') {
        await page.keyboard.press('ArrowDown');
        await expect(page.getByRole('menuitem', { name: 'サポート' })).toBeFocused();
        await expectVisibleFocus(page);
      }
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: title });
      await expect(dialog).toBeVisible();
      await expect(dialog.getByRole('button', { name: '閉じる' })).toBeFocused();
      await expectVisibleFocus(page);
      // The focus stays in the dialog, both ways round.
      for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
        await page.keyboard.press(key);
        expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
        await expectVisibleFocus(page);
      }
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
      await expect(help).toBeFocused();
      await expectVisibleFocus(page);
    }

    // Escape on the open menu closes it and leaves the focus on ヘルプ; ArrowUp opens it on its last item.
    await page.keyboard.press('ArrowUp');
    await expect(page.getByRole('menuitem', { name: 'サポート' })).toBeFocused();
    await expect(page.getByRole('menu')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toHaveCount(0);
    await expect(help).toBeFocused();
  });

  test('バージョンアップのご案内 (axe too): ダウンロードする with Enter, the focus on each state’s button, Escape closes', async ({
    page,
  }) => {
    const s = await startApp(running, {
      license: { edition: 'package', start: jstDate(-100), end: jstDate(200) },
      releasesPath: placeRelease(tempDir('e2e-a11y-release')),
    });
    await page.goto(s.hostUrl);
    await screenShown(page, 'ライセンス認証');
    await tabTo(page, page.getByLabel('ライセンス番号'));
    await page.keyboard.type(s.number!);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'バージョンアップのご案内' });
    await expect(dialog).toBeVisible({ timeout: 10_000 });
    await expectAccessible(page, 'update-prompt');
    await expect(dialog.getByRole('button', { name: 'ダウンロードする' })).toBeFocused();
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    const install = dialog.getByRole('button', { name: '再起動して更新する' });
    await expect(install).toBeVisible({ timeout: 15_000 });
    await expectAccessible(page, 'update-prompt (downloaded)');
    await expect(install).toBeFocused();
    await expectVisibleFocus(page);
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  });
});
