import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS } from '../../../../src-shared/ipc/channels';
import { ipcContract } from '../../../../src-shared/ipc/contract';
import { createDesktopApi, methodName } from '../../../../src-shared/ipc/desktop-api';

describe('desktop API built from the IPC contract', () => {
  it('lists exactly the channels of the contract, named domain:verb', () => {
    expect([...IPC_CHANNELS].sort()).toEqual(Object.keys(ipcContract).sort());
    for (const channel of IPC_CHANNELS) expect(channel).toMatch(/^[a-z]+:[a-z][a-zA-Z]*$/);
  });

  it('exposes one frozen function per channel that forwards channel and payload', async () => {
    const calls: unknown[] = [];
    const api = createDesktopApi(async (channel, request) => {
      calls.push([channel, request]);
      return { ok: true, value: channel };
    });
    expect(Object.keys(api).sort()).toEqual(IPC_CHANNELS.map(methodName).sort());
    expect(Object.isFrozen(api)).toBe(true);
    await api.licenseActivate({ licenseNumber: 'X' });
    expect(calls).toEqual([['license:activate', { licenseNumber: 'X' }]]);
  });
});
