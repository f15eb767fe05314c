import type { BrowserWindow } from 'electron';
import type { EventHub } from '../ipc/event-hub';

export type EventTarget = Pick<BrowserWindow, 'isDestroyed'> & {
  webContents: Pick<BrowserWindow['webContents'], 'send' | 'isDestroyed'>;
};

/**
 * The Electron sink of the EventHub: every event (already schema-checked by the hub) goes to the main window.
 * The window is looked up on each event because it is created after the services and may be gone at quit;
 * sending to a destroyed webContents throws, so a missing or closed window just drops the event.
 */
export function forwardEvents(events: Pick<EventHub, 'subscribe'>, mainWindow: () => EventTarget | null): () => void {
  return events.subscribe((event, payload) => {
    const window = mainWindow();
    if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return;
    window.webContents.send(event, payload);
  });
}
