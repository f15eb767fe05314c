import type { BrowserWindow as BrowserWindowType, BrowserWindowConstructorOptions } from 'electron';

export type WindowFactory = new (options: BrowserWindowConstructorOptions) => BrowserWindowType;

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 960,
    height: 680,
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

export function createMainWindow(BrowserWindow: WindowFactory, preloadPath: string, indexHtml: string): BrowserWindowType {
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  window.once('ready-to-show', () => window.show());
  void window.loadFile(indexHtml);
  return window;
}
