import { type IpcChannel, type IpcRequest, type IpcResponse } from '../../src-shared/ipc/contract';
import { type DesktopApi, DESKTOP_API_GLOBAL, methodName } from '../../src-shared/ipc/desktop-api';
import { CodedError } from '../../src-shared/contracts/coded-error';
import { type IpcEnvelope } from '../../src-shared/ipc/envelope';

function api(): DesktopApi {
  const value = (globalThis as Record<string, unknown>)[DESKTOP_API_GLOBAL];
  if (!value) throw new Error('desktop API is not available (the app must run in Electron or the browser host)');
  return value as DesktopApi;
}

/** Calls a contract channel and turns a failure envelope back into a CodedError the views can show. */
export async function call<C extends IpcChannel>(channel: C, request: IpcRequest<C>): Promise<IpcResponse<C>> {
  const fn = (api() as unknown as Record<string, (r: unknown) => Promise<IpcEnvelope<IpcResponse<C>>>>)[methodName(channel)];
  if (!fn) throw new CodedError('invalid-request', `no API for ${channel}`);
  const envelope = await fn(request);
  if (!envelope.ok) throw new CodedError(envelope.error.code, envelope.error.message);
  return envelope.value;
}
