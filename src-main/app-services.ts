import fs from 'node:fs';
import { type AppConfig } from './config/app-config';
import { loadCatalog } from './config/load-catalog';
import { readDeviceNumber } from './device/device-number';
import { createIpcHandlers, type IpcHandlers } from './ipc/ipc-handlers';
import { LicenseManager } from './license/license-manager';
import { LicenseServiceClient } from './license/service-client';
import { loadPublicKey } from './license/verify-license';
import { type AppDatabase, openAppDatabase } from './store/app-database';
import { LicenseStore } from './store/license-store';

export type AppServices = { db: AppDatabase; license: LicenseManager; handlers: IpcHandlers; close: () => void };

/** Wires the main-process services. Electron's main and the browser test host both start the app through this. */
export function createAppServices(
  config: AppConfig,
  options: { nativeBinding?: string; deviceNumber?: string; clock?: () => Date } = {},
): AppServices {
  const db = openAppDatabase(config.dbPath, options.nativeBinding);
  const license = new LicenseManager({
    catalog: loadCatalog(config.resourcesDir),
    store: new LicenseStore(db),
    client: new LicenseServiceClient(config.serviceUrl),
    publicKey: loadPublicKey(fs.readFileSync(config.publicKeyPath, 'utf8')),
    deviceNumber: options.deviceNumber ?? readDeviceNumber(config.deviceSalt),
    productCode: config.productCode,
    appVersion: config.appVersion,
    clock: options.clock ?? (() => new Date()),
  });
  return { db, license, handlers: createIpcHandlers({ license }), close: () => db.close() };
}
