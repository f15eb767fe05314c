import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS } from '../../../src-shared/ipc/channels';
import { CodedError } from '../../../src-shared/contracts/coded-error';
import { type IpcHandlers } from '../../../src-main/ipc/ipc-handlers';
import { registerIpc, trustedSender } from '../../../src-main/ipc/register-ipc';
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
const APP_DIR = '/opt/さくら Desktop/100% [portable]~/dist/renderer';
// As Chromium shows it: Japanese and spaces encoded, '%' and brackets not re-encoded the way Node would.
const APP = 'file:///opt/%E3%81%95%E3%81%8F%E3%82%89%20Desktop/100%25%20[portable]~/dist/renderer';

function setup(overrides: Partial<IpcHandlers> = {}) {
  const ipc = fakeIpcMain();
  const handlers: IpcHandlers = transportHandlers(status, overrides);
  registerIpc(ipc, handlers, trustedSender(APP_DIR));
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
    expect(await handle(frame(`${APP}-evil/index.html`), {})).toMatchObject({ ok: false });
    expect(await handle(frame('not a url'), {})).toMatchObject({ ok: false });
    expect(ran).toBe(false);
  });

  it('accepts the folder’s pages however their URL is encoded, and nothing outside it', async () => {
    const { pathToFileURL } = await import('node:url');
    const check = trustedSender(APP_DIR);
    expect(check(frame(`${APP}/index.html?x#y`))).toBe(true);
    expect(check(frame(`${pathToFileURL(APP_DIR).href}/index.html`))).toBe(true);
    expect(check(frame(`${APP}-evil/index.html`))).toBe(false);
    expect(check(frame(`${APP}/../secret.html`))).toBe(false);
    expect(check(frame(`${APP}/%2e%2e/secret.html`))).toBe(false);
    expect(check(frame('https://example.jp/index.html'))).toBe(false);
  });

  it('says the refusal is about the sender, not the payload, so a frame problem is not debugged as a schema one', async () => {
    const handle = setup().get('launch:state')!;
    expect(await handle(frame('https://evil.example/'), {})).toEqual({
      ok: false,
      error: { code: 'invalid-request', message: 'untrusted sender' },
    });
  });

  it('does not trust the renderer folder itself, only pages inside it', () => {
    const check = trustedSender(APP_DIR);
    expect(check(frame(APP))).toBe(false);
    expect(check(frame(`${APP}/`))).toBe(false);
    expect(check(frame(`${APP}/index.html`))).toBe(true);
  });

  it('answers a plain false (never throws) for URLs it cannot read as a file path', () => {
    const check = trustedSender(APP_DIR);
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
