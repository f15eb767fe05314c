import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS } from '../../src-shared/ipc/contract';
import { dispatch, type Logger } from './dispatch';
import { type IpcHandlers } from './ipc-handlers';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/**
 * The one place handlers are registered. A call from any frame other than the app's own top frame is refused
 * before its payload is even parsed.
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, handlers: IpcHandlers, isTrustedSender: SenderCheck, log?: Logger): void {
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: { code: 'invalid-request', message: 'untrusted sender' } };
      }
      return dispatch(handlers, channel, payload, log);
    });
  }
}

/** Trusts only the main frame of our window, loaded from our own origin (file:// app bundle or the dev server). */
export function trustedSender(allowedUrlPrefix: string): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    return frame.url.startsWith(allowedUrlPrefix);
  };
}
