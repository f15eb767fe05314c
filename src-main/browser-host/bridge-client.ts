import { createDesktopApi, DESKTOP_API_GLOBAL } from '../../src-shared/ipc/desktop-api';
import { type IpcEventName } from '../../src-shared/ipc/event-names';

// Runs in the browser page served by the browser host. It stands in for the Electron preload: the same
// functions, built from the same contract, carried over a local HTTP bridge instead of Electron IPC, and the same
// events, carried by server-sent events instead of webContents.send.
declare const __BRIDGE_TOKEN__: string;
// The main layer compiles without the DOM library; these are the few browser globals the bridge uses.
declare const EventSource: new (url: string) => { onmessage: ((message: { data: string }) => void) | null };
declare const Notification: (new (title: string, options: { body: string }) => unknown) & { permission: string };
declare const window: { open(url: string, target: string, features: string): unknown };
declare const location: { reload(): void };
declare const document: {
  createElement(tag: 'a'): { href: string; download: string; click(): void };
};
declare const Blob: new (parts: string[], options: { type: string }) => object;
declare const URL: { createObjectURL(blob: object): string; revokeObjectURL(url: string): void };

/** Electron saves through its dialog in main; a page can only download, which the browser saves for the user. */
function download(file: { fileName: string; content: string; mimeType: string }): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

type StreamMessage =
  { kind: 'event'; event: IpcEventName; payload: unknown } | { kind: 'host'; notify: { title: string; body: string } };

const listeners = new Map<IpcEventName, Set<(payload: unknown) => void>>();

const stream = new EventSource(`/__events?token=${encodeURIComponent(__BRIDGE_TOKEN__)}`);
stream.onmessage = (message) => {
  const data = JSON.parse(message.data) as StreamMessage;
  if (data.kind === 'host') {
    // What Electron's Notification does in main, the browser's Notification API does here.
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      new Notification(data.notify.title, { body: data.notify.body });
    }
    return;
  }
  for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
};

const api = createDesktopApi(
  async (channel, request) => {
    const response = await fetch(`/__ipc/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-bridge-token': __BRIDGE_TOKEN__ },
      body: JSON.stringify(request),
    });
    const envelope = (await response.json()) as {
      ok: boolean;
      value?: { url?: string; outcome?: string; fileName?: string; content?: string; mimeType?: string };
    };
    // Electron opens external pages from main; a browser page has to open the tab itself (still in the click).
    if (channel === 'external:open' && envelope.ok && envelope.value?.url) window.open(envelope.value.url, '_blank', 'noopener');
    // Electron relaunches the process; here the page starts again, and asks main for the launch state anew.
    if (channel === 'app:restart' && envelope.ok) setTimeout(() => location.reload(), 50);
    const file = envelope.value;
    if (channel === 'diagnostics:export' && envelope.ok && file?.outcome === 'download') {
      download({
        fileName: file.fileName ?? 'diagnostics.json',
        content: file.content ?? '',
        mimeType: file.mimeType ?? 'application/json',
      });
    }
    return envelope;
  },
  (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
);

Object.defineProperty(globalThis, DESKTOP_API_GLOBAL, { value: api, enumerable: true });
