import path from 'node:path';
import { createAppServices } from '../app-services';
import { loadAppConfig } from '../config/app-config';
import { deviceNumberFrom } from '../device/device-number';
import { startBrowserHost } from './browser-host';

// Starts the browser host: `tsx src-main/browser-host/cli.ts`. Env: BROWSER_HOST_PORT (0 = any free port),
// LICENSE_SERVICE_URL, APP_DB_PATH, and, for tests that need two devices on one machine, BROWSER_HOST_MACHINE_ID
// (a stand-in machine id, hashed exactly like the real one). The first stdout line is JSON for test harnesses.
const ROOT = path.resolve(__dirname, '../..');

async function main(): Promise<void> {
  const pkg = (await import(path.join(ROOT, 'package.json'))) as { version: string };
  const config = loadAppConfig({
    resourcesDir: path.join(ROOT, 'resources'),
    userDataDir: path.join(ROOT, 'var/browser-host'),
    appVersion: pkg.version,
  });
  const machineId = process.env.BROWSER_HOST_MACHINE_ID;
  const services = createAppServices(config, machineId ? { deviceNumber: deviceNumberFrom(machineId, config.deviceSalt) } : {});
  const host = await startBrowserHost({
    rendererDir: path.join(ROOT, 'dist/renderer'),
    handlers: services.handlers,
    port: Number(process.env.BROWSER_HOST_PORT ?? 5180),
  });
  process.stdout.write(`${JSON.stringify({ listening: host.url, serviceUrl: config.serviceUrl, db: config.dbPath })}\n`);
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
