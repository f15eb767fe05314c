import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS } from '../../../src-shared/ipc/channels';
import { CodedError } from '../../../src-shared/contracts/coded-error';
import { type IpcHandlers } from '../../../src-main/ipc/ipc-handlers';
import { registerIpc, trustedSender } from '../../../src-main/ipc/register-ipc';
import { APP_ORIGIN } from '../../../src-main/electron/app-protocol';
import { sampleLaunchState, transportHandlers } from '../../fixtures/launch-state';

const status = sampleLaunchState();

function fakeIpcMain() {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, payload: unknown) => unknown>();
  return {
    handle: (channel: string, fn: (event: IpcMainInvokeEvent, payload: unknown) => unknown) => void handlers.set(channel, fn),
    handlers,
  };
}

const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } }) as unknown as IpcMainInvokeEvent;
// The renderer's own page is served on app://renderer (src-main/electron/app-protocol.ts); that origin is the only
// one trusted.
const APP = APP_ORIGIN;

function setup(overrides: Partial<IpcHandlers> = {}) {
  const ipc = fakeIpcMain();
  const handlers: IpcHandlers = transportHandlers(status, overrides);
  registerIpc(ipc, handlers, trustedSender(APP_ORIGIN));
  return ipc.handlers;
}

describe('registerIpc (with a faked electron ipcMain)', () => {
  it('registers every channel of the contract', () => {
    expect([...setup().keys()].sort()).toEqual([...IPC_CHANNELS].sort());
  });

  it('answers the app’s own top frame with a validated response', async () => {
    const handle = setup().get('launch:state')!;
    expect(await handle(frame(`${APP}/index.html`), {})).toEqual({ ok: true, value: status });
  });

  it('refuses other origins and sub-frames before running the handler', async () => {
    let ran = false;
    const handle = setup({ 'launch:state': () => ((ran = true), status) }).get('launch:state')!;
    expect(await handle(frame('https://evil.example/'), {})).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await handle(frame(`${APP}/index.html`, {}), {})).toMatchObject({ ok: false });
    expect(await handle(frame('app://renderer-evil/index.html'), {})).toMatchObject({ ok: false });
    expect(await handle(frame('not a url'), {})).toMatchObject({ ok: false });
    expect(ran).toBe(false);
  });

  it('accepts any page of exactly the app:// origin, and nothing else', () => {
    const check = trustedSender(APP_ORIGIN);
    expect(check(frame(`${APP}/index.html?x#y`))).toBe(true);
    expect(check(frame(`${APP}/`))).toBe(true);
    for (const url of [
      'app://renderer-evil/index.html',
      'app://renderer.evil/index.html',
      'app://evil/index.html',
      'app://renderer:8080/index.html',
      'app://user@renderer/index.html',
      'app://user:pw@renderer/index.html',
      'https://renderer/index.html',
      'http://renderer/index.html',
      'file:///opt/app/dist/renderer/index.html',
      'https://example.jp/index.html',
    ]) {
      expect(check(frame(url)), url).toBe(false);
    }
  });

  it('says the refusal is about the sender, not the payload, so a frame problem is not debugged as a schema one', async () => {
    const handle = setup().get('launch:state')!;
    expect(await handle(frame('https://evil.example/'), {})).toEqual({
      ok: false,
      error: { code: 'invalid-request', message: 'untrusted sender' },
    });
  });

  it('answers a plain false (never throws) for URLs it cannot read or that are not the app’s page', () => {
    const check = trustedSender(APP_ORIGIN);
    for (const url of ['not a url', '', 'file://remote-host/opt/renderer/index.html', 'about:blank', 'devtools://devtools/']) {
      expect(check(frame(url)), url).toBe(false);
    }
  });

  it('refuses payloads that do not match the request schema', async () => {
    const handle = setup().get('license:activate')!;
    expect(await handle(frame(`${APP}/index.html`), { licenseNumber: 42 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(await handle(frame(`${APP}/index.html`), { licenseNumber: 'x', extra: true })).toMatchObject({ ok: false });
  });

  it('passes coded errors through and hides unexpected ones', async () => {
    const coded = setup({
      'license:activate': () => {
        throw new CodedError('moved', 'elsewhere');
      },
    }).get('license:activate')!;
    expect(await coded(frame(`${APP}/x.html`), { licenseNumber: 'x' })).toEqual({
      ok: false,
      error: { code: 'moved', message: 'elsewhere' },
    });
    const crash = setup({
      'license:activate': () => {
        throw new Error('secret detail');
      },
    }).get('license:activate')!;
    expect(await crash(frame(`${APP}/x.html`), { licenseNumber: 'x' })).toEqual({
      ok: false,
      error: { code: 'internal', message: 'internal error' },
    });
  });

  it('refuses a handler answer that breaks the response schema', async () => {
    const handle = setup({ 'launch:state': () => ({ wrong: true }) as never }).get('launch:state')!;
    expect(await handle(frame(`${APP}/index.html`), {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});
