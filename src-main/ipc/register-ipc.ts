import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS } from '../../src-shared/ipc/contract';
import { dispatch, type Logger } from './dispatch';
import { type IpcHandlers } from './ipc-handlers';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/**
 * The one place handlers are registered. A call from any frame other than the app's own top frame is refused
 * before its payload is even parsed.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: IpcHandlers,
  isTrustedSender: SenderCheck,
  log?: Logger,
): void {
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: { code: 'invalid-request', message: 'untrusted sender' } };
      }
      return dispatch(handlers, channel, payload, log);
    });
  }
}

/**
 * Trusts only the top frame of our window showing the app's own page: exactly `appOrigin` (app://renderer, see
 * src-main/electron/app-protocol.ts), compared as scheme and host (Node gives custom schemes an opaque `origin`), with
 * no credentials. The old file:// check is gone: with the renderer on app://, a file:// page is never the app's.
 */
export function trustedSender(appOrigin: string): SenderCheck {
  const expected = new URL(appOrigin);
  return (event) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    try {
      const url = new URL(frame.url);
      return url.protocol === expected.protocol && url.host === expected.host && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  };
}
