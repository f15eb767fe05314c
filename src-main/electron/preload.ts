import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createDesktopApi, DESKTOP_API_GLOBAL } from '../../src-shared/ipc/desktop-api';

// Sandboxed preload: exposes one narrow function per contract channel plus `on`, never ipcRenderer itself.
// It imports nothing with schemas (no zod): the payloads were checked in main before they were sent.
contextBridge.exposeInMainWorld(
  DESKTOP_API_GLOBAL,
  createDesktopApi(
    (channel, request) => ipcRenderer.invoke(channel, request),
    (event, listener) => {
      // The page gets the payload alone: the IpcRendererEvent's `sender` is ipcRenderer, which would hand it raw IPC.
      const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(event, handler);
      return () => void ipcRenderer.removeListener(event, handler);
    },
  ),
);
