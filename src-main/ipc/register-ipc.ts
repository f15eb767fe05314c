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

/**
 * Trusts only the top frame of our window showing a page from the renderer folder. The folder is given as a
 * file URL (pathToFileURL, so spaces, Japanese names and Windows paths are encoded as the frame's URL is) and
 * compared as a folder: '…/renderer-evil/' is not inside '…/renderer/'.
 */
export function trustedSender(rendererFolderUrl: string): SenderCheck {
  const folder = rendererFolderUrl.endsWith('/') ? rendererFolderUrl : `${rendererFolderUrl}/`;
  return (event) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    try {
      const url = new URL(frame.url);
      url.search = '';
      url.hash = '';
      return url.protocol === 'file:' && url.href.startsWith(folder);
    } catch {
      return false;
    }
  };
}
