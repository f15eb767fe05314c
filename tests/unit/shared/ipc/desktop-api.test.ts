import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS } from '../../../../src-shared/ipc/channels';
import { ipcContract } from '../../../../src-shared/ipc/contract';
import { createDesktopApi, methodName } from '../../../../src-shared/ipc/desktop-api';
import { IPC_EVENTS, ipcEvents } from '../../../../src-shared/ipc/events';

describe('desktop API built from the IPC contract', () => {
  it('lists exactly the channels of the contract, named domain:verb', () => {
    expect([...IPC_CHANNELS].sort()).toEqual(Object.keys(ipcContract).sort());
    for (const channel of IPC_CHANNELS) expect(channel).toMatch(/^[a-z]+:[a-z][a-zA-Z]*$/);
  });

  it('exposes one frozen function per channel that forwards channel and payload', async () => {
    const calls: unknown[] = [];
    const api = createDesktopApi(
      async (channel, request) => {
        calls.push([channel, request]);
        return { ok: true, value: channel };
      },
      () => () => {},
    );
    expect(Object.keys(api).sort()).toEqual([...IPC_CHANNELS.map(methodName), 'on'].sort());
    expect(Object.isFrozen(api)).toBe(true);
    await api.licenseActivate({ licenseNumber: 'X' });
    expect(calls).toEqual([['license:activate', { licenseNumber: 'X' }]]);
  });

  it('subscribes to known events only, passing the payload and returning the unsubscribe', () => {
    const subscribed: string[] = [];
    let unsubscribed = 0;
    const api = createDesktopApi(
      async () => ({ ok: true, value: null }),
      (event, listener) => {
        subscribed.push(event);
        listener({ command: 'version-info' });
        return () => void (unsubscribed += 1);
      },
    );
    const seen: unknown[] = [];
    const off = api.on('menu:command', (payload) => seen.push(payload));
    expect(subscribed).toEqual(['menu:command']);
    expect(seen).toEqual([{ command: 'version-info' }]);
    off();
    expect(unsubscribed).toBe(1);
    expect(() => api.on('ipc:raw' as never, () => {})).toThrow(/unknown event/);
    expect([...IPC_EVENTS].sort()).toEqual(Object.keys(ipcEvents).sort());
  });
});
