import { IPC_CHANNELS, type IpcChannel } from './channels';
import { type IpcRequest, type IpcResponse } from './contract';
import { IPC_EVENTS, type IpcEventName } from './event-names';
import { type IpcEnvelope } from './envelope';
import type { IpcEventPayload } from './events';

/** 'license:status' → 'licenseStatus' */
export function methodName(channel: string): string {
  const [domain = '', verb = ''] = channel.split(':');
  return domain + verb.charAt(0).toUpperCase() + verb.slice(1);
}

type MethodName<C extends string> = C extends `${infer D}:${infer V}` ? `${D}${Capitalize<V>}` : never;

export type Unsubscribe = () => void;
export type EventListener<E extends IpcEventName> = (payload: IpcEventPayload<E>) => void;

export type DesktopApi = {
  [C in IpcChannel as MethodName<C>]: (request: IpcRequest<C>) => Promise<IpcEnvelope<IpcResponse<C>>>;
} & {
  /** Subscribes to a main → renderer event; returns the function that unsubscribes. */
  on: <E extends IpcEventName>(event: E, listener: EventListener<E>) => Unsubscribe;
};

export type Invoke = (channel: IpcChannel, request: unknown) => Promise<unknown>;
/** How a host delivers events: subscribe to one event name, get back an unsubscribe. */
export type Subscribe = (event: IpcEventName, listener: (payload: unknown) => void) => Unsubscribe;

/**
 * One narrow function per channel plus `on`, nothing else: the preload and the browser bridge both expose this.
 * An unknown event name is refused here, so a page script cannot listen on a raw channel through it.
 */
export function createDesktopApi(invoke: Invoke, subscribe: Subscribe): DesktopApi {
  const api: Record<string, unknown> = {};
  for (const channel of IPC_CHANNELS) {
    api[methodName(channel)] = (request: unknown) => invoke(channel, request ?? {});
  }
  api.on = (event: string, listener: (payload: unknown) => void): Unsubscribe => {
    if (!(IPC_EVENTS as readonly string[]).includes(event) || typeof listener !== 'function') {
      throw new TypeError(`unknown event: ${String(event)}`);
    }
    return subscribe(event as IpcEventName, listener);
  };
  return Object.freeze(api) as unknown as DesktopApi;
}

export const DESKTOP_API_GLOBAL = 'desktopApi';
