import { describe, expect, it, vi } from 'vitest';

// A faked electron module: the glue is tested without the Electron binary, which cannot be downloaded here.
const created: {
  options: Record<string, unknown>;
  loaded: string | null;
  calls: string[];
  readyToShow: () => void;
}[] = [];
vi.mock('electron', () => ({
  BrowserWindow: class {
    loaded: string | null = null;
    calls: string[] = [];
    readyToShow = () => {};
    constructor(readonly options: Record<string, unknown>) {
      created.push(this as never);
    }
    once(name: string, fn: () => void) {
      if (name === 'ready-to-show') this.readyToShow = fn;
    }
    show() {
      this.calls.push('show');
    }
    maximize() {
      this.calls.push('maximize');
    }
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
  },
}));

const { BrowserWindow } = await import('electron');
const { createMainWindow } = await import('../../../src-main/electron/main-window');
const { isAllowedExternal, lockDownNavigation, applySessionPolicy, CONTENT_SECURITY_POLICY } =
  await import('../../../src-main/electron/security');

describe('Electron glue', () => {
  it('creates the window isolated, sandboxed and without Node, showing the app:// page', () => {
    createMainWindow(BrowserWindow as never, '/app/preload.cjs', 'app://renderer/index.html');
    const { options, loaded } = created[0]!;
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(loaded).toBe('app://renderer/index.html');
  });

  it('opens at the saved bounds, maximized once ready when it was left maximized', () => {
    created.length = 0;
    const state = { x: 40, y: 30, width: 1100, height: 760, maximized: true };
    createMainWindow(BrowserWindow as never, '/app/preload.cjs', '/app/index.html', state);
    const window = created[0]!;
    expect(window.options).toMatchObject({ x: 40, y: 30, width: 1100, height: 760, show: false });
    expect(window.options).not.toHaveProperty('maximized');
    expect(window.calls).toEqual([]);
    window.readyToShow();
    expect(window.calls).toEqual(['maximize', 'show']);
  });

  it('denies navigation and new windows, opening only allow-listed origins externally', () => {
    const listeners: Record<string, (event: { preventDefault: () => void }, url: string) => void> = {};
    let windowOpen: (d: { url: string }) => { action: string } = () => ({ action: 'allow' });
    const opened: string[] = [];
    lockDownNavigation(
      {
        on: (name: string, fn: never) => void (listeners[name] = fn),
        setWindowOpenHandler: (fn: never) => void (windowOpen = fn),
        getURL: () => 'app://renderer/index.html',
      } as never,
      (url) => opened.push(url),
      ['http://127.0.0.1:8787'],
    );
    const prevent = vi.fn();
    listeners['will-navigate']!({ preventDefault: prevent }, 'https://evil.example/');
    expect(prevent).toHaveBeenCalledTimes(1);
    listeners['will-navigate']!({ preventDefault: prevent }, 'file:///app/dist/renderer/index.html');
    listeners['will-navigate']!({ preventDefault: prevent }, 'app://renderer/other.html');
    expect(prevent).toHaveBeenCalledTimes(3);
    listeners['will-navigate']!({ preventDefault: prevent }, 'app://renderer/index.html');
    expect(prevent).toHaveBeenCalledTimes(3);
    expect(windowOpen({ url: 'http://127.0.0.1:8787/renew?license=x' })).toEqual({ action: 'deny' });
    expect(windowOpen({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['http://127.0.0.1:8787/renew?license=x']);
  });

  it('allows only http(s) URLs on listed origins', () => {
    expect(isAllowedExternal('javascript:alert(1)', ['http://127.0.0.1:8787'])).toBe(false);
    expect(isAllowedExternal('http://127.0.0.1:8787.evil/', ['http://127.0.0.1:8787'])).toBe(false);
    expect(isAllowedExternal('not a url', [])).toBe(false);
  });

  it('adds the CSP to every response and denies permission requests and checks', () => {
    let onHeaders: (d: { responseHeaders: Record<string, string[]> }, cb: (r: unknown) => void) => void = () => {};
    let onPermission: (w: unknown, p: string, cb: (ok: boolean) => void) => void = () => {};
    let onCheck: ((w: unknown, p: string, origin: string) => boolean) | null = null;
    applySessionPolicy({
      webRequest: { onHeadersReceived: (fn: never) => void (onHeaders = fn) },
      setPermissionRequestHandler: (fn: never) => void (onPermission = fn),
      setPermissionCheckHandler: (fn: never) => void (onCheck = fn),
    } as never);
    for (const permission of ['notifications', 'clipboard-read', 'hid', 'media'])
      expect(onCheck!(null, permission, 'app://renderer'), permission).toBe(false);
    const reply = vi.fn();
    onHeaders({ responseHeaders: { a: ['b'] } }, reply);
    expect(reply).toHaveBeenCalledWith({ responseHeaders: { a: ['b'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    const answer = vi.fn();
    onPermission(null, 'geolocation', answer);
    expect(answer).toHaveBeenCalledWith(false);
  });
});
