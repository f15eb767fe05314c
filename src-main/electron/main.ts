import { electronRelauncher } from './electron-relauncher';
import path from 'node:path';
import electronLog from 'electron-log/main';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session } from 'electron';
import { isErrorCode } from '../../src-shared/contracts/error-codes';
import { messages } from '../../src-shared/messages';
import { createAppServices, type AppServices } from '../app-services';
import { loadAppConfig } from '../config/app-config';
import { registerIpc, trustedSender } from '../ipc/register-ipc';
import { appMenuTemplate, menuLabels } from './app-menu';
import { APP_INDEX_URL, APP_ORIGIN, registerAppScheme, serveRenderer } from './app-protocol';
import { AppLog } from '../log/app-log';
import { electronLogSink } from '../log/electron-log-sink';
import { createElectronExternalBrowser } from './electron-external-browser';
import { createElectronFileSaver } from './electron-file-saver';
import { createElectronNotifier } from './electron-notifier';
import { createElectronUpdater } from './electron-updater-adapter';
import { createMainWindow } from './main-window';
import { electronSqliteBinding } from './native-binding';
import { applySessionPolicy, lockDownNavigation } from './security';
import { forwardEvents } from './send-events';
import { claimSingleInstance } from './single-instance';
import { readWindowState, trackWindowState, windowStateFile } from './window-state';

// Electron entry point: thin glue around the services in app-services.ts; each piece lives in its own file here.
let services: AppServices | null = null;
let mainWindow: BrowserWindow | null = null;
const currentWindow = () => mainWindow;
// electron-log's file transport in the user's log folder (app.getPath('logs')), every line redacted first.
const log = new AppLog(electronLogSink(electronLog, { console: !app.isPackaged }));

function resourcesDir(): string {
  return app.isPackaged ? path.join(process.resourcesPath, 'resources') : path.join(app.getAppPath(), 'resources');
}

async function start(): Promise<void> {
  await app.whenReady();
  const config = loadAppConfig({
    resourcesDir: resourcesDir(),
    userDataDir: app.getPath('userData'),
    appVersion: app.getVersion(),
    // Development overrides (APP_PRODUCT, LICENSE_PUBLIC_KEY_PATH, …) are honoured only when this is false.
    packaged: app.isPackaged,
  });
  const externalBrowser = createElectronExternalBrowser(config.allowedExternalOrigins);
  services = createAppServices(config, {
    nativeBinding: electronSqliteBinding({
      isPackaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      appPath: app.getAppPath(),
    }),
    notifier: createElectronNotifier(),
    externalBrowser,
    relauncher: electronRelauncher(),
    updater: createElectronUpdater({ packaged: app.isPackaged }),
    fileSaver: createElectronFileSaver(dialog, app, currentWindow),
    log,
  });
  const { events, launch } = services;

  applySessionPolicy(session.defaultSession);
  serveRenderer(protocol, path.join(app.getAppPath(), 'dist', 'renderer'));
  registerIpc(ipcMain, services.handlers, trustedSender(APP_ORIGIN), log);
  app.on('web-contents-created', (_event, contents) => {
    const open = (url: string) =>
      void externalBrowser.open(url).catch((error: unknown) => log.error('external page not opened', error));
    lockDownNavigation(contents, open, config.allowedExternalOrigins);
  });

  // The sink looks the window up per event, so it is wired once here and survives the window being replaced.
  forwardEvents(events, currentWindow);
  const template = appMenuTemplate({
    labels: menuLabels(),
    platform: process.platform,
    events,
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));

  const stateFile = windowStateFile(app.getPath('userData'));
  mainWindow = createMainWindow(
    BrowserWindow,
    path.join(__dirname, 'preload.cjs'),
    APP_INDEX_URL,
    readWindowState(stateFile, screen.getAllDisplays()),
  );
  trackWindowState(mainWindow, stateFile, { onError: (error) => log.error('window state not saved', error) });
  mainWindow.on('closed', () => (mainWindow = null));

  // Background validation starts only now: its first event has a window to go to.
  launch.start();
}

function shutDown(): void {
  const running = services;
  services = null;
  running?.launch.stop();
  running?.close();
}

function reportStartFailure(error: unknown): void {
  log.error('start failed', error);
  // A coded failure (e.g. a database from a newer version) is told in the catalogs' words, Japanese first.
  const code = (error as { code?: unknown }).code;
  const text = isErrorCode(code)
    ? `${messages.ja.errors[code]}\n\n${messages.en.errors[code]}`
    : error instanceof Error
      ? error.message
      : String(error);
  dialog.showErrorBox('起動できませんでした / Could not start', text);
  shutDown();
  app.exit(1);
}

// Privileged schemes can be registered only before the app is ready, so this runs at load, ahead of everything.
registerAppScheme(protocol);

// Single instance first: a second copy quits before it opens the database the first one is using.
if (claimSingleInstance(app, currentWindow)) {
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', shutDown);
  start().catch(reportStartFailure);
}
