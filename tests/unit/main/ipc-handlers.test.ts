import { describe, expect, it } from 'vitest';
import { createIpcHandlers } from '../../../src-main/ipc/ipc-handlers';

// Every channel the renderer may call reaches the one service method that owns it, with exactly what the renderer
// sent: a channel wired to the wrong method (activation starting a trial, restart doing nothing) breaks the app
// in ways no schema notices.

function wiring() {
  const calls: [string, ...unknown[]][] = [];
  const answer =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push([name, ...args]);
      return `answer of ${name}`;
    };
  const launch = {
    state: answer('launch.state'),
    recheck: answer('launch.recheck'),
    activate: answer('launch.activate'),
    startTrial: answer('launch.startTrial'),
    openExternal: answer('launch.openExternal'),
  };
  const renewal = {
    open: answer('renewal.open'),
    act: answer('renewal.act'),
    pay: answer('renewal.pay'),
    register: answer('renewal.register'),
    close: answer('renewal.close'),
  };
  const relauncher = { relaunch: answer('relauncher.relaunch') };
  const updates = {
    state: answer('updates.state'),
    check: answer('updates.check'),
    download: answer('updates.download'),
    install: answer('updates.install'),
  };
  const handlers = createIpcHandlers({ launch, renewal, relauncher, updates } as never);
  return { calls, handlers };
}

describe('createIpcHandlers', () => {
  it('routes the launch channels to the launch service, passing on what the renderer sent', async () => {
    const { calls, handlers } = wiring();
    expect(await handlers['launch:state']({})).toBe('answer of launch.state');
    expect(await handlers['launch:recheck']({})).toBe('answer of launch.recheck');
    expect(await handlers['license:activate']({ licenseNumber: '７ＫＱ２-ABCD' })).toBe('answer of launch.activate');
    expect(await handlers['trial:start']({ termsAccepted: true })).toBe('answer of launch.startTrial');
    expect(await handlers['external:open']({ target: 'renewal-page' })).toBe('answer of launch.openExternal');
    expect(calls).toEqual([
      ['launch.state'],
      ['launch.recheck'],
      ['launch.activate', '７ＫＱ２-ABCD'],
      ['launch.startTrial'],
      ['launch.openExternal', 'renewal-page'],
    ]);
  });

  it('routes the wizard channels to the renewal service, passing on what the renderer sent', async () => {
    const { calls, handlers } = wiring();
    const card = { number: '4242 4242 4242 4242', expiry: '12/29' };
    const registration = { registrationNumber: 'R-1', installKey: 'K-1', name: '山田 太郎', email: 'taro@example.jp' };
    expect(await handlers['renewal:open']({})).toBe('answer of renewal.open');
    expect(await handlers['renewal:act']({ action: { type: 'to-method' } })).toBe('answer of renewal.act');
    expect(await handlers['renewal:pay']({ card })).toBe('answer of renewal.pay');
    expect(await handlers['renewal:register'](registration)).toBe('answer of renewal.register');
    expect(await handlers['renewal:close']({})).toBe('answer of renewal.close');
    expect(calls).toEqual([
      ['renewal.open'],
      ['renewal.act', { type: 'to-method' }],
      ['renewal.pay', card],
      ['renewal.register', registration],
      ['renewal.close'],
    ]);
  });

  it('routes the update channels to the update service', async () => {
    const { calls, handlers } = wiring();
    expect(await handlers['update:state']({})).toBe('answer of updates.state');
    expect(await handlers['update:check']({})).toBe('answer of updates.check');
    expect(await handlers['update:download']({})).toBe('answer of updates.download');
    expect(await handlers['update:install']({})).toBe('answer of updates.install');
    expect(calls).toEqual([['updates.state'], ['updates.check'], ['updates.download'], ['updates.install']]);
  });

  it('restarts the app on 再起動する and says so', async () => {
    const { calls, handlers } = wiring();
    expect(await handlers['app:restart']({})).toEqual({ restarting: true });
    expect(calls).toEqual([['relauncher.relaunch']]);
  });
});
