import { type IpcEventName, type IpcEventPayload, ipcEvents } from '../../src-shared/ipc/events';

export type EventListener = (event: IpcEventName, payload: unknown) => void;

/**
 * The one way main pushes to the renderer: every payload is checked against its schema in src-shared before it
 * leaves, then handed to the host's sink (Electron's webContents.send, or the browser host's server-sent events).
 */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  emit<E extends IpcEventName>(event: E, payload: IpcEventPayload<E>): void {
    const checked = ipcEvents[event].parse(payload);
    for (const listener of this.listeners) listener(event, checked);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
