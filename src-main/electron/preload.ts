import { contextBridge, ipcRenderer } from 'electron';
import { createDesktopApi, DESKTOP_API_GLOBAL } from '../../src-shared/ipc/desktop-api';

// Sandboxed preload: exposes one narrow function per contract channel, never ipcRenderer itself.
contextBridge.exposeInMainWorld(
  DESKTOP_API_GLOBAL,
  createDesktopApi((channel, request) => ipcRenderer.invoke(channel, request)),
);
