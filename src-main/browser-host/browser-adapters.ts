import { type ExternalBrowser } from '../ports/external-browser';
import { type FileSaver } from '../ports/file-saver';
import { type Notifier } from '../ports/notifier';
import { type EventStream } from './event-stream';

/** The browser host's notifier: the page shows it with the browser's Notification API (see bridge-client.ts). */
export function browserNotifier(stream: () => EventStream | null): Notifier {
  return { show: (notify) => stream()?.send({ kind: 'host', notify }) };
}

/**
 * The browser host's external browser: a page cannot be opened from the server side, so the bridge opens the URL
 * that `external:open` answers in a new tab, still inside the user's click. Here we only keep a record for tests.
 */
export function browserExternalBrowser(opened: string[] = []): ExternalBrowser & { opened: string[] } {
  return {
    opened,
    open: async (url) => {
      opened.push(url);
    },
  };
}

/** The browser host's save: the bridge turns the answer into a download in the page (see bridge-client.ts). */
export function browserFileSaver(): FileSaver {
  return {
    save: async (file) => ({ outcome: 'download', fileName: file.suggestedName, content: file.content, mimeType: file.mimeType }),
  };
}
