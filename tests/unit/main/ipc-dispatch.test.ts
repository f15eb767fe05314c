import { describe, expect, it } from 'vitest';
import { CodedError } from '../../../src-shared/contracts/coded-error';
import { dispatch, type Logger } from '../../../src-main/ipc/dispatch';
import { type IpcHandlers } from '../../../src-main/ipc/ipc-handlers';
import { sampleLaunchState, transportHandlers } from '../../fixtures/launch-state';

// dispatch is the one gate both hosts (Electron and the browser host) put in front of the handlers: nothing reaches
// a handler unless it names a channel of the contract with a payload that matches its schema, and every outcome
// comes back as an envelope the renderer can turn into words.

const status = sampleLaunchState();

function recordingLog() {
  const lines: [string, unknown][] = [];
  const log: Logger = { error: (message, detail) => void lines.push([message, detail]) };
  return { lines, log };
}

function handlersThat(overrides: Partial<IpcHandlers>) {
  const ran: string[] = [];
  const handlers = transportHandlers(status, overrides);
  for (const channel of Object.keys(handlers) as (keyof IpcHandlers)[]) {
    const inner = handlers[channel] as (request: unknown) => unknown;
    (handlers as Record<string, (request: unknown) => unknown>)[channel] = (request) => {
      ran.push(channel);
      return inner(request);
    };
  }
  return { ran, handlers };
}

describe('dispatch: validation before any handler runs', () => {
  it('refuses a channel that is not in the contract, whatever its type, and runs nothing', async () => {
    const { ran, handlers } = handlersThat({});
    for (const channel of ['launch:delete', 'toString', '__proto__', 42, null, undefined, { channel: 'launch:state' }]) {
      expect(await dispatch(handlers, channel, {}), String(channel)).toEqual({
        ok: false,
        error: { code: 'invalid-request', message: 'unknown channel' },
      });
    }
    expect(ran).toEqual([]);
  });

  it('refuses a payload that breaks the request schema, saying what is wrong, and runs nothing', async () => {
    const { ran, handlers } = handlersThat({});
    const wrongType = await dispatch(handlers, 'license:activate', { licenseNumber: 42 });
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(wrongType.ok === false && wrongType.error.message).toMatch(/expected string/i);
    const extraKey = await dispatch(handlers, 'launch:state', { admin: true });
    expect(extraKey.ok === false && extraKey.error.message).toMatch(/admin/);
    expect(await dispatch(handlers, 'trial:start', { termsAccepted: false })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(await dispatch(handlers, 'launch:state', undefined)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(ran).toEqual([]);
  });

  it('hands the handler the parsed request and wraps its answer', async () => {
    const seen: unknown[] = [];
    const { handlers } = handlersThat({
      'license:activate': (request) => {
        seen.push(request);
        return status;
      },
    });
    expect(await dispatch(handlers, 'license:activate', { licenseNumber: '７ＫＱ２' })).toEqual({ ok: true, value: status });
    expect(seen).toEqual([{ licenseNumber: '７ＫＱ２' }]);
  });
});

describe('dispatch: error envelopes', () => {
  const throwing = (error: unknown) => handlersThat({ 'launch:recheck': () => Promise.reject(error) }).handlers;

  it('passes a coded error on with its code and message, without logging it as a crash', async () => {
    const { lines, log } = recordingLog();
    expect(await dispatch(throwing(new CodedError('moved', 'active elsewhere')), 'launch:recheck', {}, log)).toEqual({
      ok: false,
      error: { code: 'moved', message: 'active elsewhere' },
    });
    expect(lines).toEqual([]);
  });

  it('passes on an error that carries a known code (e.g. from the store), without logging it', async () => {
    const { lines, log } = recordingLog();
    const locked = Object.assign(new Error('the database is locked by another RenewalDesk'), { code: 'database-locked' });
    expect(await dispatch(throwing(locked), 'launch:recheck', {}, log)).toEqual({
      ok: false,
      error: { code: 'database-locked', message: 'the database is locked by another RenewalDesk' },
    });
    expect(lines).toEqual([]);
  });

  it('hides anything else behind `internal` and logs it with the channel, for support', async () => {
    const { lines, log } = recordingLog();
    const sqlite = Object.assign(new Error('attempt to write a readonly database /home/u/secret.db'), {
      code: 'SQLITE_READONLY',
    });
    expect(await dispatch(throwing(sqlite), 'launch:recheck', {}, log)).toEqual({
      ok: false,
      error: { code: 'internal', message: 'internal error' },
    });
    expect(lines).toEqual([['IPC launch:recheck failed', sqlite]]);
  });

  it('hides a handler answer that breaks the response schema, and still answers without a logger', async () => {
    const { handlers } = handlersThat({ 'external:open': () => ({ url: 42 }) as never });
    expect(await dispatch(handlers, 'external:open', { target: 'support-form' })).toEqual({
      ok: false,
      error: { code: 'internal', message: 'internal error' },
    });
  });
});
