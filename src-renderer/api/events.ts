import { type DesktopApi, DESKTOP_API_GLOBAL, type EventListener, type Unsubscribe } from '../../src-shared/ipc/desktop-api';
import { type IpcEventName } from '../../src-shared/ipc/event-names';

/** Subscribes to a main → renderer event through the host's `desktopApi.on`. */
export function onEvent<E extends IpcEventName>(event: E, listener: EventListener<E>): Unsubscribe {
  const api = (globalThis as Record<string, unknown>)[DESKTOP_API_GLOBAL] as DesktopApi | undefined;
  if (!api) return () => {};
  return api.on(event, listener);
}
