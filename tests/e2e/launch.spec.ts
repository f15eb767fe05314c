import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { activate, activateOnSecondDevice, startApp, type StartedApp, stopAfterEachTest } from './support/app';
import { admin, issueLicense, jstDate, startBrowserHost, startLicenseService, tempDir } from './support/processes';
import { shot } from './support/screenshots';

// Every startup screen through the browser host, the real license service and a fresh SQLite file per test.
const running = stopAfterEachTest();

/** This spec's start: a license of `edition` from `start` to `end` (none with `issue: false`). */
function setup(
  options: {
    product?: string;
    edition?: 'package' | 'download';
    start?: string;
    end?: string;
    demo?: boolean;
    checkIntervalMs?: number;
    issue?: boolean;
    beforeHost?: (appDb: string) => void;
  } = {},
): Promise<StartedApp> {
  const license = {
    edition: options.edition ?? 'package',
    start: options.start ?? '2026-04-01',
    end: options.end ?? '2027-03-31',
  };
  return startApp(running, {
    product: options.product,
    license: options.issue === false ? null : license,
    demo: options.demo,
    checkIntervalMs: options.checkIntervalMs,
    beforeHost: options.beforeHost,
  });
}

test('package edition past its term: 今スグ更新する, and the product still starts', async ({ page }) => {
  const s = await setup({ start: '2025-01-01', end: jstDate(-10) });
  await page.goto(s.hostUrl);
  await activate(page, s.number!);
  await expect(page.getByRole('heading', { name: '基本使用サービスの有効期限が切れています' })).toBeVisible();
  await expect(page.getByRole('button', { name: '今スグ更新する' })).toBeVisible();
  await shot(page, 'screen-renew-now');
  await page.getByRole('button', { name: '今スグ更新する' }).click();
  await expect(page.getByRole('heading', { name: '基本使用サービスの更新' })).toBeVisible();
  await page.getByRole('button', { name: '戻る' }).click();
  await page.getByRole('button', { name: '更新せずに製品を使う' }).click();
  await expect(page.getByRole('heading', { name: 'ご契約状況' })).toBeVisible();
  await expect(page.getByTestId('home-days-remaining')).toHaveText('有効期限を10日過ぎています');
});

test('download edition past its term: it does not start; 更新申込Webページへ opens the renewal page in a new tab', async ({
  page,
}) => {
  const s = await setup({ edition: 'download', start: '2025-01-01', end: jstDate(-10) });
  await page.goto(s.hostUrl);
  await activate(page, s.number!);
  await expect(page.getByRole('heading', { name: '基本使用サービスの有効期限が切れています' })).toBeVisible();
  await expect(page.getByText('ダウンロード版は')).toBeVisible();
  await expect(page.getByRole('button', { name: '更新せずに製品を使う' })).toHaveCount(0);
  await shot(page, 'screen-renewal-web-page');
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('button', { name: '更新申込Webページへ' }).click(),
  ]);
  await popup.waitForLoadState();
  expect(popup.url()).toBe(`${s.serviceUrl}/renew/sakura-kaikei?license=${s.number}`);
  await expect(popup.getByRole('heading', { name: '基本使用サービス 更新申込' })).toBeVisible();
  // Pay on the page, come back, and the product starts once the service confirms.
  await popup.getByLabel('カード番号').fill('4242 4242 4242 4242');
  await popup.getByLabel('有効期限（MM/YY）').fill('12/29');
  await popup.getByRole('button', { name: '支払へ進む' }).click();
  await expect(popup.getByRole('heading', { name: 'お支払いが完了しました' })).toBeVisible();
  await page.getByRole('button', { name: '更新を確認する' }).click();
  await expect(page.getByRole('heading', { name: 'ご契約状況' })).toBeVisible();
});

test('an annual license past its term can only be bought again', async ({ page }) => {
  const s = await setup({ product: 'model-studio-annual', edition: 'download', start: '2025-11-01', end: jstDate(-5) });
  await page.goto(s.hostUrl);
  await activate(page, s.number!);
  await expect(page.getByRole('heading', { name: 'このライセンスは更新・再開できません' })).toBeVisible();
  await expect(page.getByText('年間ライセンスは更新・再開ができません')).toBeVisible();
  await shot(page, 'screen-repurchase');
  // The shop is outside this machine; stand in for it so the new tab has something to load.
  await page.context().route('https://shop.example.jp/**', (route) => route.fulfill({ contentType: 'text/html', body: 'shop' }));
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: '購入ページへ' }).click()]);
  await popup.waitForLoadState();
  expect(popup.url()).toBe('https://shop.example.jp/products/model-studio-annual');
});

test('trial: terms accepted → trial runs → ends on the service’s clock (demo mode)', async ({ page }) => {
  const s = await setup({ product: 'menzei-terminal', issue: false, demo: true });
  await page.goto(s.hostUrl);
  await expect(page.getByRole('heading', { name: 'お試し版として使う' })).toBeVisible();
  const start = page.getByRole('button', { name: 'お試しを開始する' });
  await expect(start).toBeDisabled();
  await shot(page, 'screen-activate-trial');
  await page.getByLabel('利用規約に同意します').check();
  await start.click();
  await expect(page.getByRole('heading', { name: 'ご契約状況' })).toBeVisible();
  await expect(page.getByTestId('home-days-remaining')).toHaveText('あと30日');
  await shot(page, 'home-trial');

  admin(s.serviceDb, ['clock', '--advance-days', '31'], { LICENSE_SERVICE_DEMO: '1' });
  await page.getByRole('button', { name: '今すぐ確認する' }).click();
  await expect(page.getByRole('heading', { name: 'お試し期間が終了しました' })).toBeVisible();
  await shot(page, 'screen-trial-ended');
});

test('background validation: activated on a second device, the first one shows license-moved without a restart', async ({
  page,
  browser,
}) => {
  const s = await setup({ checkIntervalMs: 1000 });
  await page.goto(s.hostUrl);
  await activate(page, s.number!);
  await expect(page.getByRole('heading', { name: 'ご契約状況' })).toBeVisible();

  await activateOnSecondDevice(browser, running, s);

  await expect(page.getByRole('heading', { name: 'このライセンスは別の端末で使用されています' })).toBeVisible({
    timeout: 15_000,
  });
  await shot(page, 'screen-license-moved');
  // Re-activation on this device moves it back.
  await activate(page, s.number!);
  await expect(page.getByRole('heading', { name: 'ご契約状況' })).toBeVisible();
});

test('background validation: a license revoked by the vendor stops the running app, with support contact', async ({ page }) => {
  const s = await setup({ checkIntervalMs: 1000 });
  await page.goto(s.hostUrl);
  await activate(page, s.number!);
  await expect(page.getByRole('heading', { name: 'ご契約状況' })).toBeVisible();
  admin(s.serviceDb, ['revoke', '--number', s.number!]);
  await expect(page.getByRole('heading', { name: 'このライセンスは停止されています' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('heading', { name: 'サポートセンター' })).toBeVisible();
  await expect(page.getByTestId('phone-open')).toHaveText(/ただいま電話受付(中です|時間外です)/);
  await shot(page, 'screen-license-stopped');
});

test('offline in the renewal period: the exact warning, and it goes away when the service answers again', async ({ page }) => {
  const dir = tempDir('e2e-offline');
  const serviceDb = path.join(dir, 'service.sqlite');
  const service = await startLicenseService({ dbPath: serviceDb });
  const number = issueLicense(serviceDb, { product: 'sakura-kaikei', edition: 'package', start: '2026-01-01', end: jstDate(25) });
  const host = await startBrowserHost({ serviceUrl: service.url, dbPath: path.join(dir, 'app.sqlite') });
  running.push(host);
  await page.goto(host.url);
  await activate(page, number);
  await expect(page.getByRole('heading', { name: 'ご契約状況' })).toBeVisible();
  const port = new URL(service.url).port;
  await service.stop();
  await page.getByRole('button', { name: '今すぐ確認する' }).click();
  await expect(page.getByText('ライセンス更新期間中です。ネットワークに接続してください。', { exact: true })).toBeVisible();
  await shot(page, 'home-offline-warning');
  const again = await startLicenseService({ dbPath: serviceDb, port: Number(port) });
  running.push(again);
  await page.getByRole('button', { name: '今すぐ確認する' }).click();
  await expect(page.getByText('ライセンス更新期間中です。ネットワークに接続してください。')).toHaveCount(0);
});

test('a corrupt license database is moved aside, the user is told, and re-activation restores the license', async ({ page }) => {
  const s = await setup({ beforeHost: (appDb) => fs.writeFileSync(appDb, 'this is not a database, it was cut in half') });
  await page.goto(s.hostUrl);
  const alert = page.getByRole('alert');
  await expect(alert).toHaveAttribute('data-error-code', 'database-recovered');
  await expect(alert).toContainText('新しく作り直しました');
  await shot(page, 'screen-database-recovered');
  expect(fs.readdirSync(s.dir).some((f) => f.startsWith('app.sqlite.broken-'))).toBe(true);
  await activate(page, s.number!);
  await expect(page.getByRole('heading', { name: 'ご契約状況' })).toBeVisible();
});

test('full-width input from a Japanese IME is accepted', async ({ page }) => {
  const s = await setup();
  await page.goto(s.hostUrl);
  const fullWidth = s.number!.replace(/[A-Z0-9-]/g, (c) => (c === '-' ? 'ー' : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
  await activate(page, fullWidth.toLowerCase());
  await expect(page.getByRole('heading', { name: 'ご契約状況' })).toBeVisible();
});

test('the modelling tool past its support term still starts and offers resumption on the web page', async ({ page }) => {
  const s = await setup({ product: 'model-studio', edition: 'download', start: '2025-10-01', end: '2026-09-30' });
  await page.goto(s.hostUrl);
  await activate(page, s.number!);
  await expect(page.getByRole('heading', { name: '基本使用サービスの有効期限が切れています' })).toBeVisible();
  await expect(page.getByText('製品はこのままお使いいただけますが')).toBeVisible();
  await shot(page, 'screen-renewal-web-page-perpetual');
  await page.getByRole('button', { name: '更新せずに製品を使う' }).click();
  await expect(page.getByRole('heading', { name: 'ご契約状況' })).toBeVisible();
  await expect(page.getByRole('button', { name: '更新申込Webページへ' })).toBeVisible();
});

test('the tax-free terminal extends itself online inside its renewal window', async ({ page }) => {
  const s = await setup({ product: 'menzei-terminal', edition: 'download', start: '2025-12-01', end: jstDate(10) });
  await page.goto(s.hostUrl);
  await activate(page, s.number!);
  await expect(page.getByTestId('home-term-end')).toHaveAttribute('datetime', jstDate(10));
  await page.getByRole('button', { name: '今すぐ確認する' }).click();
  await expect(page.getByTestId('home-term-end')).not.toHaveAttribute('datetime', jstDate(10));
  await expect(page.getByRole('status')).toHaveCount(0);
  await shot(page, 'home-terminal-extended');
});

test('the modelling tool past its resumption limit: it still starts, and only a new purchase is offered', async ({ page }) => {
  const s = await setup({ product: 'model-studio', edition: 'download', start: '2022-07-01', end: '2023-06-30' });
  await page.goto(s.hostUrl);
  await activate(page, s.number!);
  await expect(page.getByRole('heading', { name: 'このライセンスは更新・再開できません' })).toBeVisible();
  await expect(page.getByText('再開期限を過ぎたため')).toBeVisible();
  await expect(page.getByText('製品はこのままお使いいただけますが')).toBeVisible();
  await shot(page, 'screen-repurchase-past-limit');
  await page.getByRole('button', { name: '製品を使う' }).click();
  await expect(page.getByRole('heading', { name: 'ご契約状況' })).toBeVisible();
});

test('ヘルプ → サポート shows the desk, whether the phone is open now, and the tax-free terminal’s paid-support notice', async ({
  page,
}) => {
  const s = await setup({ product: 'menzei-terminal', issue: false });
  await page.goto(s.hostUrl);
  await page.getByRole('button', { name: 'ヘルプ' }).click();
  await page.getByRole('menuitem', { name: 'サポート' }).click();
  const dialog = page.getByRole('dialog', { name: 'サポートセンター' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('phone-open')).toHaveText(/ただいま電話受付(中です|時間外です)/);
  await expect(dialog.getByTestId('paid-support')).toContainText('有料になる場合がございます');
  await shot(page, 'support');
  await dialog.getByRole('button', { name: '閉じる' }).click();
  await expect(dialog).toHaveCount(0);
});

test('reminders: both notices on the home screen, each an OS notification once per term (Notification API in the browser host)', async ({
  page,
}) => {
  // The page's Notification API, recorded: what the browser host's notifier shows through the bridge.
  await page.addInitScript(() => {
    const shown: string[] = [];
    (window as unknown as { __shown: string[] }).__shown = shown;
    class RecordingNotification {
      static permission = 'granted';
      constructor(title: string) {
        shown.push(title);
      }
    }
    Object.defineProperty(window, 'Notification', { value: RecordingNotification });
  });
  const s = await setup({ start: '2026-01-01', end: jstDate(15) });
  await page.goto(s.hostUrl);
  await activate(page, s.number!);
  await expect(page.locator('[data-notice="reminder-2-months"]')).toBeVisible();
  await expect(page.locator('[data-notice="reminder-20-days"]')).toContainText('あと15日');
  await shot(page, 'home-reminders');
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __shown: string[] }).__shown))
    .toEqual(['基本使用サービスの更新時期です', '基本使用サービスの有効期限が近づいています']);
  // Once per term: checking again and reloading show no second notification.
  await page.getByRole('button', { name: '今すぐ確認する' }).click();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'ご契約状況' })).toBeVisible();
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { __shown: string[] }).__shown)).toEqual([]);
});
