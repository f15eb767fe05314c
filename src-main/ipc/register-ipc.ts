import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
 * Trusts only the top frame of our window showing a page from the renderer folder. The frame's file URL is turned
 * back into a path and compared as a path (Chromium and Node do not percent-encode '%', '[', ']' or '~' alike), so
 * Japanese names, spaces and Windows paths work, and '…/renderer-evil/' is not inside '…/renderer/'.
 */
export function trustedSender(rendererDir: string): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null) return false;
    try {
      const url = new URL(frame.url);
      // Stryker disable next-line ConditionalExpression: without it fileURLToPath throws on any other scheme and the catch refuses
      if (url.protocol !== 'file:') return false;
      const inside = path.relative(rendererDir, fileURLToPath(url));
      return inside !== '' && !inside.startsWith('..') && !path.isAbsolute(inside);
    } catch {
      return false;
    }
  };
}
