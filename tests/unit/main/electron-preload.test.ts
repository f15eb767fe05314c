import { EventEmitter } from 'node:events';
import { build } from 'esbuild';
import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../../src-shared/ipc/channels';
import { methodName } from '../../../src-shared/ipc/desktop-api';

// A faked electron: what the preload hands to the page, and the ipcRenderer it talks to.
const exposed: Record<string, unknown> = {};
const ipcRenderer = Object.assign(new EventEmitter(), { invoke: vi.fn(async () => ({ ok: true })) });
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (exposed[key] = api) },
  ipcRenderer,
}));

await import('../../../src-main/electron/preload');
type Api = Record<string, (...args: unknown[]) => unknown>;
const api = exposed.desktopApi as Api;

describe('preload', () => {
  it('exposes only the contract methods and `on`, under window.desktopApi', () => {
    expect(Object.keys(exposed)).toEqual(['desktopApi']);
    expect(Object.keys(api).sort()).toEqual([...IPC_CHANNELS.map(methodName), 'on'].sort());
  });

  it('invokes the channel of the method called', async () => {
    await api[methodName(IPC_CHANNELS[0])]!({});
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(IPC_CHANNELS[0], {});
  });

  it('`on` delivers the payload alone (never the IpcRendererEvent) and unsubscribes', () => {
    const received: unknown[][] = [];
    const unsubscribe = api.on!('menu:command', (...args: unknown[]) => received.push(args)) as () => void;
    const ipcEvent = { sender: ipcRenderer };
    ipcRenderer.emit('menu:command', ipcEvent, { command: 'version-info' });
    expect(received).toEqual([[{ command: 'version-info' }]]);
    unsubscribe();
    expect(ipcRenderer.listenerCount('menu:command')).toBe(0);
    ipcRenderer.emit('menu:command', ipcEvent, { command: 'home' });
    expect(received).toHaveLength(1);
  });

  it('refuses to listen on a channel that is not an event', () => {
    expect(() => api.on!('license:activate', () => {})).toThrow(TypeError);
    expect(ipcRenderer.listenerCount('license:activate')).toBe(0);
  });

  it('bundles small, without zod (it runs sandboxed, on every page load)', async () => {
    const result = await build({
      entryPoints: ['src-main/electron/preload.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => input.includes('node_modules'))).toEqual([]);
    expect(result.outputFiles[0]!.contents.byteLength).toBeLessThan(8 * 1024);
  });
});
