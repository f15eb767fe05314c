import fs from 'node:fs';
import { type AppConfig } from './config/app-config';
import { loadCatalog } from './config/load-catalog';
import { deviceNumberFrom, readDeviceNumber } from './device/device-number';
import { EventHub } from './ipc/event-hub';
import { createIpcHandlers, type IpcHandlers } from './ipc/ipc-handlers';
import { SystemClock } from './launch/app-clock';
import { LaunchService, type StoreHandles } from './launch/launch-service';
import { DiagnosticsService } from './diagnostics/diagnostics-service';
import { readRuntimeInfo } from './diagnostics/runtime-info';
import { AppLog, consoleLogSink } from './log/app-log';
import { LicenseManager } from './license/license-manager';
import { LicenseServiceClient } from './license/service-client';
import { loadPublicKey } from './license/verify-license';
import { type ExternalBrowser } from './ports/external-browser';
import { type FileSaver } from './ports/file-saver';
import { type Notifier } from './ports/notifier';
import { type Relauncher } from './ports/relauncher';
import { type Updater } from './ports/updater';
import { encodeLicenseToken } from './update/license-token';
import { UpdateService } from './update/update-service';
import { RenewalService } from './renewal/renewal-service';
import { WizardStore } from './store/wizard-store';
import { LicenseStore } from './store/license-store';
import { openAppStore } from './store/open-app-store';
import { type AppDatabase } from './store/app-database';
import { appMigrations } from './store/app-migrations';

export type AppServices = {
  handlers: IpcHandlers;
  events: EventHub;
  launch: LaunchService;
  updates: UpdateService;
  log: AppLog;
  close: () => void;
};

export type AppServiceOptions = {
  nativeBinding?: string;
  notifier: Notifier;
  externalBrowser: ExternalBrowser;
  relauncher: Relauncher;
  /** electron-updater in Electron, the feed read over HTTP in the browser host. */
  updater: Updater;
  /** Electron's save dialog, or a download in the browser host (the diagnostics export). */
  fileSaver: FileSaver;
  /** The redacting logger over electron-log's file; errors on the console when none is given (tests). */
  log?: AppLog;
};

/** Wires the main-process services. Electron's main and the browser test host both start the app through this. */
export function createAppServices(config: AppConfig, options: AppServiceOptions): AppServices {
  const log = options.log ?? new AppLog(consoleLogSink());
  const publicKey = loadPublicKey(fs.readFileSync(config.publicKeyPath, 'utf8'));
  const deviceNumber = config.machineIdOverride
    ? deviceNumberFrom(config.machineIdOverride, config.deviceSalt)
    : readDeviceNumber(config.deviceSalt);
  let db: AppDatabase | null = null;
  const current: { licenses: LicenseManager | null; wizards: WizardStore | null } = { licenses: null, wizards: null };
  let clock: SystemClock = new SystemClock(null);
  const client = new LicenseServiceClient(config.serviceUrl, {
    onDemoClock: config.followDemoClock ? (instant) => clock.observeDemoClock(instant) : undefined,
  });
  const openStore = (): StoreHandles => {
    const opening = openAppStore(config.dbPath, { nativeBinding: options.nativeBinding });
    if (!opening.db) return { store: null, licenses: null, problem: opening.problem };
    db = opening.db;
    const store = new LicenseStore(opening.db);
    clock = new SystemClock(config.followDemoClock ? store : null);
    const installation = { publicKey, deviceNumber, productCode: config.productCode };
    const licenses = new LicenseManager({
      store,
      client,
      installation,
      appVersion: config.appVersion,
      clock: { now: () => clock.now() },
    });
    current.licenses = licenses;
    current.wizards = new WizardStore(opening.db);
    return { store, licenses, problem: opening.problem };
  };
  const events = new EventHub();
  const catalog = loadCatalog(config.resourcesDir);
  const launch = new LaunchService({
    catalog,
    productCode: config.productCode,
    appVersion: config.appVersion,
    serviceUrl: config.serviceUrl,
    openStore,
    clock: { now: () => clock.now() },
    events,
    notifier: options.notifier,
    externalBrowser: options.externalBrowser,
    log,
    retry: {
      backoffMs: [2_000, 10_000, 30_000],
      intervalMs: config.checkIntervalMs,
      retryAfterFailureMs: Math.min(15 * 60_000, config.checkIntervalMs),
    },
  });
  const renewal = new RenewalService({
    catalog,
    licenses: () => current.licenses,
    wizardStore: () => current.wizards,
    client,
    clock: { now: () => clock.now() },
    productCode: config.productCode,
    onLicenseChanged: () => launch.publish(),
  });
  // Asks the feed only while the signed term runs or a renewal is placed, with the signed license as its token.
  const updates = new UpdateService({
    updater: options.updater,
    feedUrl: `${config.serviceUrl}/updates`,
    launchState: () => launch.state(),
    token: () => {
      const read = current.licenses?.read();
      return read?.payload ? encodeLicenseToken(read.stored.signed) : null;
    },
    events,
    notifier: options.notifier,
    log,
    intervalMs: config.checkIntervalMs,
  });
  events.subscribe((event) => event === 'launch:changed' && updates.refresh());
  updates.start();
  const diagnostics = new DiagnosticsService({
    launchState: () => launch.state(),
    updateState: () => updates.state(),
    store: () => ({
      schemaVersion: db?.open ? (db.pragma('user_version', { simple: true }) as number) : null,
      expectedSchemaVersion: appMigrations.length,
    }),
    log,
    saver: options.fileSaver,
    runtime: readRuntimeInfo(),
    packaged: config.packaged,
    now: () => new Date(),
  });
  return {
    handlers: createIpcHandlers({ launch, renewal, relauncher: options.relauncher, updates, diagnostics }),
    events,
    launch,
    updates,
    log,
    close: () => {
      updates.stop();
      launch.stop();
      db?.close();
    },
  };
}
