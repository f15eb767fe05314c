import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import { isErrorCode } from '../../src-shared/contracts/error-codes';
import { messages } from '../../src-shared/messages';
import { createAppServices, type AppServices } from '../app-services';
import { loadAppConfig } from '../config/app-config';
import { registerIpc, trustedSender } from '../ipc/register-ipc';
import { createMainWindow } from './main-window';
import { electronSqliteBinding } from './native-binding';
import { applySessionPolicy, lockDownNavigation } from './security';

// Electron entry point: thin glue around the services in app-services.ts.
let services: AppServices | null = null;

function resourcesDir(): string {
  return app.isPackaged ? path.join(process.resourcesPath, 'resources') : path.join(app.getAppPath(), 'resources');
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  const config = loadAppConfig({
    resourcesDir: resourcesDir(),
    userDataDir: app.getPath('userData'),
    appVersion: app.getVersion(),
  });
  services = createAppServices(config, {
    nativeBinding: electronSqliteBinding({
      isPackaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      appPath: app.getAppPath(),
    }),
  });
  applySessionPolicy(session.defaultSession);
  const rendererDir = path.join(app.getAppPath(), 'dist', 'renderer');
  registerIpc(ipcMain, services.handlers, trustedSender(rendererDir), { error: (m, d) => console.error(m, d) });
  app.on('web-contents-created', (_event, contents) => {
    lockDownNavigation(contents, (url) => void shell.openExternal(url), [new URL(config.serviceUrl).origin]);
  });
  createMainWindow(BrowserWindow, path.join(__dirname, 'preload.cjs'), path.join(rendererDir, 'index.html'));
}

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => services?.close());

start().catch((error: unknown) => {
  // A coded failure (e.g. a database from a newer version) is told in the catalogs' words, Japanese first.
  const code = (error as { code?: unknown }).code;
  const text = isErrorCode(code)
    ? `${messages.ja.errors[code]}\n\n${messages.en.errors[code]}`
    : error instanceof Error
      ? error.message
      : String(error);
  dialog.showErrorBox('起動できませんでした / Could not start', text);
  app.exit(1);
});
