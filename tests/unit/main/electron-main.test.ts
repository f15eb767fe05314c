import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { messages } from '../../../src-shared/messages';

// main.ts runs on import: a faked electron and faked services record what it does, in order.
const h = vi.hoisted(() => {
  const log: string[] = [];
  const appHandlers: Record<string, (...args: unknown[]) => void> = {};
  const state = {
    gotLock: true,
    failWith: null as Error | null,
    windows: [] as { webContents: { send: (...a: unknown[]) => void } }[],
  };
  const events = {
    listeners: [] as ((event: string, payload: unknown) => void)[],
    subscribe(fn: (event: string, payload: unknown) => void) {
      this.listeners.push(fn);
      return () => {};
    },
    emit(event: string, payload: unknown) {
      for (const fn of this.listeners) fn(event, payload);
    },
  };
  const services = {
    handlers: {},
    events,
    launch: { start: () => log.push('launch.start'), stop: () => log.push('launch.stop') },
    close: () => log.push('services.close'),
  };
  return { log, appHandlers, state, services };
});

vi.mock('electron', () => {
  const { log, appHandlers, state } = h;
  class BrowserWindow {
    webContents = { send: vi.fn(), isDestroyed: () => false };
    constructor(readonly options: unknown) {
      log.push('window');
      state.windows.push(this);
    }
    on() {}
    once() {}
    loadURL = (url: string) => {
      log.push(`load ${url}`);
      return Promise.resolve();
    };
    isDestroyed = () => false;
    isMinimized = () => false;
    focus = () => log.push('window.focus');
  }
  return {
    app: {
      isPackaged: false,
      requestSingleInstanceLock: () => {
        log.push('lock');
        return state.gotLock;
      },
      quit: () => log.push('app.quit'),
      exit: () => log.push('app.exit'),
      on: (name: string, fn: (...args: unknown[]) => void) => void (appHandlers[name] = fn),
      whenReady: () => {
        log.push('whenReady');
        return Promise.resolve();
      },
      // A folder that does not exist: no saved window state to read, and nothing here writes.
      getPath: () => path.join(os.tmpdir(), 'electron-main-test-missing'),
      getAppPath: () => '/app',
      getVersion: () => '1.2.3',
    },
    BrowserWindow,
    dialog: { showErrorBox: (title: string, text: string) => log.push(`error: ${title}`, text) },
    ipcMain: { handle: () => {} },
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu: () => log.push('menu'),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: () => {} },
        setPermissionRequestHandler: () => {},
        setPermissionCheckHandler: () => {},
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: { scheme: string }[]) =>
        log.push(`privileged ${schemes.map((s) => s.scheme).join(',')}`),
      handle: (scheme: string) => log.push(`handle ${scheme}`),
    },
    shell: { openExternal: vi.fn() },
    Notification: class {},
  };
});
// electron-log's main entry needs the real Electron; a stand-in with the same transports records the lines.
vi.mock('electron-log/main', () => {
  const write = (level: string) => (line: string) => h.log.push(`log.${level}: ${line}`);
  return {
    default: {
      error: write('error'),
      warn: write('warn'),
      info: write('info'),
      transports: { file: { getFile: () => ({ path: '/nowhere/main.log' }) }, console: {} },
    },
  };
});

vi.mock('../../../src-main/config/app-config', () => ({
  loadAppConfig: (input: { packaged: boolean }) => {
    h.log.push(`config packaged=${input.packaged}`);
    return { serviceUrl: 'http://127.0.0.1:8787', allowedExternalOrigins: ['http://127.0.0.1:8787'] };
  },
}));
vi.mock('../../../src-main/app-services', () => ({
  createAppServices: (_config: unknown, options: { notifier?: unknown; externalBrowser?: unknown }) => {
    if (h.state.failWith) throw h.state.failWith;
    h.log.push(`services notifier=${!!options.notifier} externalBrowser=${!!options.externalBrowser}`);
    return h.services;
  },
}));
vi.mock('../../../src-main/electron/native-binding', () => ({ electronSqliteBinding: () => '/native.node' }));

async function startMain(): Promise<void> {
  await import('../../../src-main/electron/main');
  await new Promise((resolve) => setTimeout(resolve, 0));
}

beforeEach(() => {
  vi.resetModules();
  h.log.length = 0;
  h.state.windows.length = 0;
  for (const key of Object.keys(h.appHandlers)) delete h.appHandlers[key];
  h.services.events.listeners.length = 0;
});

// Importing main's whole module graph can take seconds on a busy 2-core machine.
describe('Electron main', { timeout: 20_000 }, () => {
  it('registers app:// before ready, takes the lock, builds services, serves app://, opens the window on it, and starts the launch service last', async () => {
    await startMain();
    expect(h.log).toEqual([
      'privileged app',
      'lock',
      'whenReady',
      'config packaged=false',
      'services notifier=true externalBrowser=true',
      'handle app',
      'menu',
      'window',
      'load app://renderer/index.html',
      'launch.start',
    ]);
  });

  it('forwards hub events to the window it created', async () => {
    await startMain();
    h.services.events.emit('menu:command', { command: 'home' });
    expect(h.state.windows[0]!.webContents.send).toHaveBeenCalledWith('menu:command', { command: 'home' });
  });

  it('focuses its window when a second instance starts, and stops the services once on quit', async () => {
    await startMain();
    h.appHandlers['second-instance']!();
    h.appHandlers['will-quit']!();
    h.appHandlers['will-quit']!();
    expect(h.log.slice(-3)).toEqual(['window.focus', 'launch.stop', 'services.close']);
  });

  it('shows the catalog message for a coded start failure and exits', async () => {
    h.state.failWith = Object.assign(new Error('newer'), { code: 'invalid-request' });
    try {
      await startMain();
    } finally {
      h.state.failWith = null;
    }
    expect(h.log.slice(-4)).toEqual([
      'log.error: start failed {"name":"Error","message":"newer","code":"invalid-request"}',
      'error: 起動できませんでした / Could not start',
      `${messages.ja.errors['invalid-request']}\n\n${messages.en.errors['invalid-request']}`,
      'app.exit',
    ]);
    expect(h.log).not.toContain('launch.start');
  });

  it('quits at once as a second instance, without opening anything', async () => {
    h.state.gotLock = false;
    try {
      await startMain();
    } finally {
      h.state.gotLock = true;
    }
    expect(h.log).toEqual(['privileged app', 'lock', 'app.quit']);
  });
});
