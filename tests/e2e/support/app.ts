import path from 'node:path';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { issueLicense, issuePackage, type Running, startBrowserHost, startLicenseService, tempDir } from './processes';

// One app per test: the real license service and the browser host on free ports with fresh SQLite files, stopped
// after the test. For specs that reach many screens and need the same start each time.

/** The processes a test started; each is stopped after the test, whatever happened. */
export function stopAfterEachTest(): Running[] {
  const running: Running[] = [];
  test.afterEach(async () => {
    await Promise.all(running.splice(0).map((r) => r.stop()));
  });
  return running;
}

export type StartedApp = {
  dir: string;
  serviceDb: string;
  appDb: string;
  serviceUrl: string;
  hostUrl: string;
  service: Running;
  host: Running;
  /** The license issued for the test (null with `license: null`). */
  number: string | null;
  /** The booklet's numbers of a package license issued with `license.booklet`. */
  booklet: { registrationNumber: string; installKey: string } | null;
};

export async function startApp(
  running: Running[],
  options: {
    product?: string;
    /** The license to issue; null issues none. */
    license?: { edition: 'package' | 'download'; start: string; end: string; booklet?: boolean } | null;
    demo?: boolean;
    releasesPath?: string;
    checkIntervalMs?: number;
    /** Runs on the app's database file before the host opens it. */
    beforeHost?: (appDb: string) => void;
  } = {},
): Promise<StartedApp> {
  const dir = tempDir('e2e-app');
  const serviceDb = path.join(dir, 'service.sqlite');
  const appDb = path.join(dir, 'app.sqlite');
  const service = await startLicenseService({ dbPath: serviceDb, demo: options.demo, releasesPath: options.releasesPath });
  running.push(service);
  const product = options.product ?? 'sakura-kaikei';
  const license =
    options.license === undefined ? { edition: 'package' as const, start: '2026-04-01', end: '2027-03-31' } : options.license;
  let number: string | null = null;
  let booklet: StartedApp['booklet'] = null;
  if (license?.booklet) {
    const issued = issuePackage(serviceDb, { product, start: license.start, end: license.end });
    number = issued.number;
    booklet = { registrationNumber: issued.registrationNumber, installKey: issued.installKey };
  } else if (license) {
    number = issueLicense(serviceDb, { product, edition: license.edition, start: license.start, end: license.end });
  }
  options.beforeHost?.(appDb);
  const host = await startBrowserHost({
    serviceUrl: service.url,
    dbPath: appDb,
    product,
    checkIntervalMs: options.checkIntervalMs,
  });
  running.push(host);
  return { dir, serviceDb, appDb, serviceUrl: service.url, hostUrl: host.url, service, host, number, booklet };
}

/** ライセンス認証 with the mouse-free minimum: the field and the button, as the other specs do it. */
export async function activate(page: Page, number: string): Promise<void> {
  await page.getByLabel('ライセンス番号').fill(number);
  await page.getByRole('button', { name: '認証する' }).click();
}

/** The same license activated on a second device (another machine id, its own database): the first one is moved. */
export async function activateOnSecondDevice(browser: Browser, running: Running[], app: StartedApp): Promise<void> {
  const second = await startBrowserHost({
    serviceUrl: app.serviceUrl,
    dbPath: path.join(app.dir, 'app-2.sqlite'),
    machineId: 'e2e-machine-2',
  });
  running.push(second);
  const other = await browser.newPage();
  await other.goto(second.url);
  await activate(other, app.number!);
  await expect(other.getByRole('heading', { name: 'ご契約状況' })).toBeVisible();
  await other.close();
}
