import { beforeEach, describe, expect, it, vi } from 'vitest';

// A faked electron: Notification and shell, the two OS services these adapters wrap.
const electron = vi.hoisted(() => ({
  supported: true,
  shown: [] as { title: string; body: string }[],
  openExternal: vi.fn(async (_url: string) => {}),
}));
vi.mock('electron', () => ({
  Notification: class {
    static isSupported = () => electron.supported;
    constructor(readonly options: { title: string; body: string }) {}
    show() {
      electron.shown.push(this.options);
    }
  },
  shell: { openExternal: electron.openExternal },
}));

const { createElectronNotifier } = await import('../../../src-main/electron/electron-notifier');
const { createElectronExternalBrowser } = await import('../../../src-main/electron/electron-external-browser');
const { CodedError } = await import('../../../src-shared/contracts/coded-error');

beforeEach(() => {
  electron.supported = true;
  electron.shown.length = 0;
  electron.openExternal.mockClear();
});

describe('Electron notifier', () => {
  it('shows an OS notification', () => {
    createElectronNotifier().show({ title: '更新のお知らせ', body: 'あと20日' });
    expect(electron.shown).toEqual([{ title: '更新のお知らせ', body: 'あと20日' }]);
  });

  it('skips quietly where the OS has no notifications', () => {
    electron.supported = false;
    expect(() => createElectronNotifier().show({ title: 't', body: 'b' })).not.toThrow();
    expect(electron.shown).toEqual([]);
  });
});

describe('Electron external browser', () => {
  const browser = () => createElectronExternalBrowser(['https://license.example.jp']);

  it('opens an allow-listed page in the system browser', async () => {
    await browser().open('https://license.example.jp/renew?license=7KQ2');
    expect(electron.openExternal).toHaveBeenCalledWith('https://license.example.jp/renew?license=7KQ2');
  });

  it.each([
    'https://evil.example/renew',
    'https://license.example.jp.evil.example/',
    'file:///etc/passwd',
    'javascript:alert(1)',
  ])('refuses %s with invalid-request, without calling openExternal', async (url) => {
    const error = await browser()
      .open(url)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CodedError);
    expect((error as InstanceType<typeof CodedError>).code).toBe('invalid-request');
    expect(electron.openExternal).not.toHaveBeenCalled();
  });
});
