import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions } from 'electron';
import { DEFAULT_WINDOW_STATE, type WindowState } from './window-state';

export type WindowFactory = new (options: BrowserWindowConstructorOptions) => BrowserWindowType;

export function mainWindowOptions(
  preloadPath: string,
  state: WindowState = DEFAULT_WINDOW_STATE,
): BrowserWindowConstructorOptions {
  const { maximized: _maximized, ...bounds } = state;
  return {
    ...bounds,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: '基本使用サービス管理',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  };
}

export function createMainWindow(
  BrowserWindow: WindowFactory,
  preloadPath: string,
  pageUrl: string,
  state: WindowState = DEFAULT_WINDOW_STATE,
): BrowserWindowType {
  const window = new BrowserWindow(mainWindowOptions(preloadPath, state));
  window.once('ready-to-show', () => {
    // maximize() also shows the window, so it waits for the first paint like show() does.
    if (state.maximized) window.maximize();
    window.show();
  });
  // The app's own app:// page (see app-protocol.ts), never a file:// path.
  void window.loadURL(pageUrl);
  return window;
}
