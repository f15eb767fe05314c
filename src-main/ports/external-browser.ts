/**
 * Opens a vendor page in the user's browser. Electron: `shell.openExternal` for allow-listed origins only;
 * browser host: a new tab, opened by the page itself from the URL this returns.
 */
export type ExternalBrowser = {
  open(url: string): Promise<void>;
};
