import path from 'node:path';
import electronLog from 'electron-log/node';
import { createAppServices } from '../app-services';
import { loadAppConfig } from '../config/app-config';
import { AppLog } from '../log/app-log';
import { electronLogSink } from '../log/electron-log-sink';
import { browserExternalBrowser, browserFileSaver, browserNotifier } from './browser-adapters';
import { SECURITY_HEADERS, startBrowserHost } from './browser-host';
import { createBrowserUpdater } from './browser-updater';
import { EventStream } from './event-stream';

// Starts the browser host: `tsx src-main/browser-host/cli.ts [--product <code>]`. Env: BROWSER_HOST_PORT (0 = any
// free port) and everything loadAppConfig reads in development (LICENSE_SERVICE_URL, APP_DB_PATH, APP_PRODUCT,
// APP_MACHINE_ID for tests that need two devices on one machine, APP_CHECK_INTERVAL_MS). The first stdout line is
// JSON for test harnesses.
const ROOT = path.resolve(__dirname, '../..');

function productFlag(argv: readonly string[]): string | undefined {
  const index = argv.indexOf('--product');
  return index >= 0 ? argv[index + 1] : argv.find((a) => a.startsWith('--product='))?.slice('--product='.length);
}

async function main(): Promise<void> {
  const pkg = (await import(path.join(ROOT, 'package.json'))) as { version: string };
  const product = productFlag(process.argv.slice(2));
  const config = loadAppConfig({
    resourcesDir: path.join(ROOT, 'resources'),
    userDataDir: path.join(ROOT, 'var/browser-host', product ?? ''),
    appVersion: pkg.version,
    packaged: false,
    env: product ? { ...process.env, APP_PRODUCT: product } : process.env,
  });
  let stream: EventStream | null = null;
  // electron-log's Node entry: the same file transport and rotation as in Electron, in the host's data folder.
  const log = new AppLog(electronLogSink(electronLog, { dir: path.join(path.dirname(config.dbPath), 'logs'), console: true }));
  const services = createAppServices(config, {
    log,
    fileSaver: browserFileSaver(),
    notifier: browserNotifier(() => stream),
    externalBrowser: browserExternalBrowser(),
    // The page reloads itself when `app:restart` answers (see bridge-client.ts): the browser's "restart".
    relauncher: { relaunch: () => {} },
    // The same feed, file and sha512 check as electron-updater; only the install is simulated (it says so).
    // APP_UPDATE_BYTES_PER_SECOND slows the download so its progress can be watched (tests, demos).
    updater: createBrowserUpdater({
      appVersion: config.appVersion,
      downloadDir: path.join(path.dirname(config.dbPath), 'updates'),
      bytesPerSecond: Number(process.env.APP_UPDATE_BYTES_PER_SECOND) || undefined,
      log: (line) => process.stdout.write(`${line}\n`),
    }),
  });
  stream = new EventStream(SECURITY_HEADERS);
  const host = await startBrowserHost({
    rendererDir: path.join(ROOT, 'dist/renderer'),
    handlers: services.handlers,
    events: services.events,
    stream,
    port: Number(process.env.BROWSER_HOST_PORT ?? 5180),
    log,
  });
  services.launch.start();
  process.stdout.write(
    `${JSON.stringify({ listening: host.url, product: config.productCode, serviceUrl: config.serviceUrl, db: config.dbPath })}\n`,
  );
  const stop = () =>
    void host.close().then(() => {
      services.close();
      process.exit(0);
    });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`browser host failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
