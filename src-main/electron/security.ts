import type { Session, WebContents } from 'electron';

/** The renderer loads only its own files and talks to nothing: every network need goes through the main process. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Origins the app may open in the user's browser (the renewal web page); anything else is refused. */
export function isAllowedExternal(url: string, allowedOrigins: readonly string[]): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && allowedOrigins.includes(parsed.origin);
  } catch {
    return false;
  }
}

export function applySessionPolicy(
  session: Pick<Session, 'webRequest' | 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  // The app needs no web permission: requests (prompts) are denied, and checks (which Chromium answers without a
  // prompt, e.g. for clipboard, notifications or HID) say no as well, so nothing is granted by default either.
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** No navigation away from the app and no new windows; allow-listed links open in the system browser. */
export function lockDownNavigation(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler' | 'getURL'>,
  openExternal: (url: string) => void,
  allowedOrigins: readonly string[],
): void {
  contents.on('will-navigate', (event, url) => {
    if (url !== contents.getURL()) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url, allowedOrigins)) openExternal(url);
    return { action: 'deny' };
  });
}
