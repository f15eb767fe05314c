import { IPC_CHANNELS, type IpcChannel } from './channels';
import { type IpcRequest, type IpcResponse } from './contract';
import { type IpcEnvelope } from './envelope';

/** 'license:status' → 'licenseStatus' */
export function methodName(channel: string): string {
  const [domain = '', verb = ''] = channel.split(':');
  return domain + verb.charAt(0).toUpperCase() + verb.slice(1);
}

type MethodName<C extends string> = C extends `${infer D}:${infer V}` ? `${D}${Capitalize<V>}` : never;

export type DesktopApi = {
  [C in IpcChannel as MethodName<C>]: (request: IpcRequest<C>) => Promise<IpcEnvelope<IpcResponse<C>>>;
};

export type Invoke = (channel: IpcChannel, request: unknown) => Promise<unknown>;

/** One narrow function per channel, nothing else: the preload and the browser bridge both expose this. */
export function createDesktopApi(invoke: Invoke): DesktopApi {
  const api: Record<string, (request: unknown) => Promise<unknown>> = {};
  for (const channel of IPC_CHANNELS) {
    api[methodName(channel)] = (request: unknown) => invoke(channel, request ?? {});
  }
  return Object.freeze(api) as unknown as DesktopApi;
}

export const DESKTOP_API_GLOBAL = 'desktopApi';
