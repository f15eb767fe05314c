import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { issueLicense, jstDate, type Running, startBrowserHost, startLicenseService, tempDir } from './support/processes';
import { placeRelease, RELEASE_ARTIFACT, RELEASE_VERSION } from './support/releases';
import { shot } from './support/screenshots';

// Updates through the browser host: a release placed in the service's releases folder, the service's real gate,
// the browser host's feed reader (same latest.yml, same file, same sha512 check as electron-updater) and the real
// prompt in Chromium.
const running: Running[] = [];
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop()));
});

// The download is capped at this rate so its progress can be watched: about two seconds for the file.
const BYTES_PER_SECOND = 1536 * 1024;
const VERSION = RELEASE_VERSION;
const ARTIFACT = RELEASE_ARTIFACT;

async function setup(
  license: { edition: 'package' | 'download'; start: string; end: string },
  options: { corrupt?: boolean } = {},
) {
  const dir = tempDir('e2e-updates');
  const serviceDb = path.join(dir, 'service.sqlite');
  const service = await startLicenseService({ dbPath: serviceDb, releasesPath: placeRelease(dir, options) });
  running.push(service);
  const number = issueLicense(serviceDb, { product: 'sakura-kaikei', ...license });
  const host = await startBrowserHost({
    serviceUrl: service.url,
    dbPath: path.join(dir, 'app', 'app.sqlite'),
    updateBytesPerSecond: BYTES_PER_SECOND,
  });
  running.push(host);
  return { serviceUrl: service.url, hostUrl: host.url, number, dir };
}

async function activate(page: Page, number: string): Promise<void> {
  await page.getByLabel('ライセンス番号').fill(number);
  await page.getByRole('button', { name: '認証する' }).click();
}

const prompt = (page: Page) => page.getByRole('dialog', { name: 'バージョンアップのご案内' });

test('a covered license sees バージョンアップのご案内, downloads with a moving progress bar and gets 再起動して更新する', async ({
  page,
}) => {
  const s = await setup({ edition: 'package', start: jstDate(-100), end: jstDate(200) });
  await page.goto(s.hostUrl);
  // Every update:state event the page receives, through the same desktopApi the app uses.
  await page.evaluate(() => {
    const w = window as unknown as { updates: unknown[]; desktopApi: { on: (e: string, l: (p: unknown) => void) => void } };
    w.updates = [];
    w.desktopApi.on('update:state', (state) => w.updates.push(state));
  });
  await activate(page, s.number);
  await expect(page.getByRole('heading', { name: 'ご契約状況' })).toBeVisible();

  const dialog = prompt(page);
  await expect(dialog).toBeVisible({ timeout: 10_000 });
  await expect(dialog).toContainText(`新しいバージョン（${VERSION}）を公開しました`);
  await expect(dialog.getByTestId('release-notes')).toContainText('インボイス制度の様式を更新しました。');
  await shot(page, 'update-prompt');

  await dialog.getByRole('button', { name: 'ダウンロードする' }).click();
  const bar = dialog.getByRole('progressbar', { name: 'ダウンロードの進み具合' });
  await expect(bar).toBeVisible();
  // Sample what the bar shows while the file arrives.
  const shown = new Set<number>();
  let screenshotTaken = false;
  while (await bar.isVisible()) {
    // A short timeout: the bar can go between isVisible() and this read, and a locator would wait for it forever.
    const value = await bar.evaluate((el: HTMLProgressElement) => el.value, undefined, { timeout: 500 }).catch(() => null);
    if (value !== null) shown.add(Math.floor(value));
    if (!screenshotTaken && value !== null && value > 15) {
      await shot(page, 'update-progress');
      screenshotTaken = true;
    }
    await page.waitForTimeout(100);
  }
  await expect(dialog.getByRole('button', { name: '再起動して更新する' })).toBeVisible();
  expect(screenshotTaken).toBe(true);
  expect([...shown].filter((p) => p > 0 && p < 100).length).toBeGreaterThanOrEqual(2);

  const events = (await page.evaluate(() => (window as unknown as { updates: { status: string; percent?: number }[] }).updates))!;
  const percents = new Set(events.filter((e) => e.status === 'downloading').map((e) => Math.floor(e.percent!)));
  expect(percents.size).toBeGreaterThanOrEqual(3);
  expect(events.at(-1)).toEqual({ status: 'downloaded', version: VERSION });
  // The file the host downloaded is the release's bytes, verified against latest.yml's sha512.
  const downloaded = fs.readFileSync(path.join(s.dir, 'app', 'updates', ARTIFACT));
  expect(downloaded.equals(fs.readFileSync(path.join(s.dir, 'releases', ARTIFACT)))).toBe(true);
  await expect(dialog).toContainText(`バージョン${VERSION}の準備ができました`);
  await shot(page, 'update-downloaded');

  await dialog.getByRole('button', { name: '再起動して更新する' }).click();
  await expect(dialog.getByTestId('update-simulated')).toContainText('ブラウザーモードのため');
});

test('an expired license sees no prompt, and バージョン情報 says why there are no updates', async ({ page }) => {
  const s = await setup({ edition: 'package', start: '2025-01-01', end: jstDate(-10) });
  await page.goto(s.hostUrl);
  await activate(page, s.number);
  await expect(page.getByRole('button', { name: '今スグ更新する' })).toBeVisible();
  await page.getByRole('button', { name: 'ヘルプ' }).click();
  await page.getByRole('menuitem', { name: 'バージョン情報' }).click();
  const info = page.getByRole('dialog', { name: 'バージョン情報' });
  await expect(info.getByTestId('update-disabled')).toHaveText(
    '基本使用サービスの有効期限を過ぎているため、バージョンアップは提供されません。更新のお手続きをすると、再びご利用いただけます。',
  );
  // Longer than the first check's delay after launch and after activation: still nothing is offered.
  await page.waitForTimeout(2_500);
  await expect(prompt(page)).toHaveCount(0);
  const state = await page.evaluate(() =>
    (window as unknown as { desktopApi: { updateState: (r: object) => Promise<unknown> } }).desktopApi.updateState({}),
  );
  expect(state).toEqual({ ok: true, value: { status: 'disabled', reason: 'term-ended' } });
});

test('a renewal placed but not yet paid (bank transfer) already sees the prompt', async ({ page }) => {
  const s = await setup({ edition: 'download', start: '2025-01-01', end: jstDate(-10) });
  // The download edition renews on the web page: a bank transfer is placed and stays unpaid.
  await page.goto(`${s.serviceUrl}/renew?license=${s.number}`);
  await page.getByLabel('銀行振込').check();
  await page.getByRole('button', { name: '支払へ進む' }).click();
  await expect(page.getByRole('heading', { name: 'お振込のご案内' })).toBeVisible();

  await page.goto(s.hostUrl);
  await activate(page, s.number);
  await expect(page.getByRole('button', { name: '更新申込Webページへ' })).toBeVisible();
  // The online check learns of the placed renewal; the app may then ask, and the service lets it.
  await page.getByRole('button', { name: '更新を確認する' }).click();
  await expect(prompt(page)).toBeVisible({ timeout: 10_000 });
  await expect(prompt(page)).toContainText(`新しいバージョン（${VERSION}）を公開しました`);
});

test('a download whose sha512 does not match latest.yml is refused and told in words, with a retry', async ({ page }) => {
  const s = await setup({ edition: 'package', start: jstDate(-100), end: jstDate(200) }, { corrupt: true });
  await page.goto(s.hostUrl);
  await activate(page, s.number);
  const dialog = prompt(page);
  await dialog.getByRole('button', { name: 'ダウンロードする' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    'ダウンロードした更新プログラムが正しくないため、使用せずに削除しました。',
    {
      timeout: 10_000,
    },
  );
  await expect(dialog.getByText('バージョンアップできませんでした')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'もう一度試す' })).toBeVisible();
  expect(fs.readdirSync(path.join(s.dir, 'app', 'updates'))).toEqual([]);
  await dialog.getByRole('button', { name: 'もう一度試す' }).click();
  await expect(dialog.getByRole('progressbar', { name: 'ダウンロードの進み具合' })).toBeVisible();
  await expect(dialog.getByRole('alert')).toBeVisible({ timeout: 10_000 });
  await expect(dialog.getByRole('button', { name: '再起動して更新する' })).toHaveCount(0);
});
