import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type UpdaterEvent } from '../../../src-main/ports/updater';

// A faked electron-updater: its autoUpdater records what the adapter sets and calls, and emits what the real one
// emits. `accessed` proves the adapter does not touch it (and so does not start Electron) before the first check.
const fake = vi.hoisted(() => {
  class FakeAutoUpdater {
    autoDownload = true;
    autoInstallOnAppQuit = true;
    requestHeaders: Record<string, string> | null = null;
    feeds: unknown[] = [];
    headersAtCheck: (Record<string, string> | null)[] = [];
    downloads = 0;
    installs: unknown[][] = [];
    checkResult: Promise<unknown> = Promise.resolve(null);
    listeners = new Map<string, ((...args: unknown[]) => void)[]>();
    on(event: string, listener: (...args: unknown[]) => void) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    emit(event: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    }
    setFeedURL(options: unknown) {
      this.feeds.push(options);
    }
    checkForUpdates() {
      this.headersAtCheck.push(this.requestHeaders && { ...this.requestHeaders });
      return this.checkResult;
    }
    downloadUpdate() {
      this.downloads++;
      return Promise.resolve([]);
    }
    quitAndInstall(...args: unknown[]) {
      this.installs.push(args);
    }
  }
  return { accessed: 0, FakeAutoUpdater, instance: new FakeAutoUpdater() };
});
vi.mock('electron-updater', () => ({
  get autoUpdater() {
    fake.accessed++;
    return fake.instance;
  },
}));

const { createElectronUpdater } = await import('../../../src-main/electron/electron-updater-adapter');

const auto = () => fake.instance;
const FEED = 'https://license.example.jp/updates';

function adapter(packaged = true) {
  const updater = createElectronUpdater({ packaged });
  const events: UpdaterEvent[] = [];
  updater.onEvent((event) => events.push(event));
  return { updater, events };
}

beforeEach(() => {
  fake.accessed = 0;
  fake.instance = new fake.FakeAutoUpdater();
});

describe('Electron updater adapter', () => {
  it('leaves electron-updater untouched until the first check', () => {
    adapter();
    expect(fake.accessed).toBe(0);
  });

  it('asks only in a packaged app', () => {
    expect(createElectronUpdater({ packaged: true }).canUpdate).toBe(true);
    expect(createElectronUpdater({ packaged: false }).canUpdate).toBe(false);
  });

  it('points the generic provider at the feed, turns autoDownload off and sends the token on the check', async () => {
    const { updater } = adapter();
    updater.configure({ url: FEED, headers: { 'x-license-token': 'token-1' } });
    await updater.check();
    expect(auto().feeds).toEqual([{ provider: 'generic', url: FEED }]);
    expect(auto().autoDownload).toBe(false);
    expect(auto().autoInstallOnAppQuit).toBe(false);
    expect(auto().headersAtCheck).toEqual([{ 'x-license-token': 'token-1' }]);
  });

  it('replaces the token when the license changes, and sets the feed URL only when it changes', async () => {
    const { updater } = adapter();
    updater.configure({ url: FEED, headers: { 'x-license-token': 'old' } });
    await updater.check();
    updater.configure({ url: FEED, headers: { 'x-license-token': 'renewed' } });
    await updater.check();
    await updater.download();
    expect(auto().headersAtCheck).toEqual([{ 'x-license-token': 'old' }, { 'x-license-token': 'renewed' }]);
    expect(auto().requestHeaders).toEqual({ 'x-license-token': 'renewed' });
    expect(auto().feeds).toHaveLength(1);
    expect(auto().downloads).toBe(1);
  });

  it('refuses to ask before the feed is configured', async () => {
    await expect(adapter().updater.check()).rejects.toThrow('not configured');
  });

  it("maps electron-updater's events to the port's", async () => {
    const { updater, events } = adapter();
    updater.configure({ url: FEED, headers: { 'x-license-token': 't' } });
    await updater.check();
    const a = auto();
    a.emit('checking-for-update');
    a.emit('update-available', {
      version: '1.1.0',
      releaseNotes: [
        { version: '1.1.0', note: 'インボイス対応' },
        { version: '1.0.5', note: null },
      ],
      releaseDate: '2026-11-20T01:00:00.000Z',
      files: [],
    });
    a.emit('update-not-available', { version: '1.0.0' });
    a.emit('download-progress', { percent: 42.5, bytesPerSecond: 1000, transferred: 425, total: 1000, delta: 10 });
    a.emit('update-downloaded', { version: '1.1.0', downloadedFile: '/tmp/x.exe' });
    expect(events).toEqual([
      { type: 'checking' },
      {
        type: 'available',
        release: { version: '1.1.0', releaseNotes: '1.1.0\nインボイス対応', releaseDate: '2026-11-20T01:00:00.000Z' },
      },
      { type: 'not-available' },
      { type: 'progress', percent: 42.5, bytesPerSecond: 1000, transferred: 425, total: 1000 },
      { type: 'downloaded', version: '1.1.0' },
    ]);
  });

  it("reads the service's refusal code out of electron-updater's HttpError, and tells other failures apart", async () => {
    const { updater, events } = adapter();
    updater.configure({ url: FEED, headers: { 'x-license-token': 't' } });
    await updater.check();
    const httpError = Object.assign(
      new Error(
        '403 Forbidden\nmethod: GET url: https://license.example.jp/updates/latest.yml\n\n Data:\n {"error":{"code":"update-not-covered","message":"…"}}',
      ),
      { statusCode: 403, code: 'HTTP_ERROR_403' },
    );
    auto().emit('error', httpError);
    auto().emit('error', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8787'), { code: 'ECONNREFUSED' }));
    auto().emit('error', new Error('sha512 checksum mismatch, expected abc, got def'));
    auto().emit('error', new Error('something else'));
    expect(events).toEqual([
      { type: 'error', code: 'update-not-covered' },
      { type: 'error', code: 'service-unreachable' },
      { type: 'error', code: 'update-checksum-mismatch' },
      { type: 'error', code: 'update-failed' },
    ]);
  });

  it('installs with quitAndInstall (not silent, run after), and only once electron-updater is loaded', async () => {
    const { updater } = adapter();
    expect(() => updater.install()).toThrow();
    updater.configure({ url: FEED, headers: { 'x-license-token': 't' } });
    await updater.check();
    expect(updater.install()).toEqual({ simulated: false });
    expect(auto().installs).toEqual([[false, true]]);
  });

  it('passes a failed check on to the caller', async () => {
    const { updater } = adapter();
    updater.configure({ url: FEED, headers: { 'x-license-token': 't' } });
    auto().checkResult = Promise.reject(new Error('boom'));
    await expect(updater.check()).rejects.toThrow('boom');
  });

  it('refuses an http feed in a packaged app before electron-updater sends the token anywhere', async () => {
    const { updater } = adapter(true);
    updater.configure({ url: 'http://license.example.jp/updates', headers: { 'x-license-token': 't' } });
    await expect(updater.check()).rejects.toMatchObject({ code: 'insecure-service-url' });
    await expect(updater.download()).rejects.toMatchObject({ code: 'insecure-service-url' });
    expect(auto().feeds).toEqual([]);
    expect(auto().headersAtCheck).toEqual([]);
    expect(auto().downloads).toBe(0);
  });

  it('refuses loopback http in a packaged app too, and allows it only in development', async () => {
    const packaged = adapter(true).updater;
    packaged.configure({ url: 'http://127.0.0.1:8787/updates', headers: { 'x-license-token': 't' } });
    await expect(packaged.check()).rejects.toMatchObject({ code: 'insecure-service-url' });
    const development = adapter(false).updater;
    development.configure({ url: 'http://127.0.0.1:8787/updates', headers: { 'x-license-token': 't' } });
    await development.check();
    expect(auto().feeds).toEqual([{ provider: 'generic', url: 'http://127.0.0.1:8787/updates' }]);
  });
});
