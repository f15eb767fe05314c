import { createDesktopApi, DESKTOP_API_GLOBAL } from '../../src-shared/ipc/desktop-api';

// Runs in the browser page served by the browser host. It stands in for the Electron preload: the same
// functions, built from the same contract, carried over a local HTTP bridge instead of Electron IPC.
declare const __BRIDGE_TOKEN__: string;

const api = createDesktopApi(async (channel, request) => {
  const response = await fetch(`/__ipc/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-bridge-token': __BRIDGE_TOKEN__ },
    body: JSON.stringify(request),
  });
  return response.json();
});

Object.defineProperty(globalThis, DESKTOP_API_GLOBAL, { value: api, enumerable: true });
