import fs from 'node:fs';
import path from 'node:path';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from './security';

/**
 * The renderer is served from `app://renderer/…` instead of file://: a page on its own standard, secure origin gets
 * no file:// extras (the grantFileProtocolExtraPrivileges fuse is off), cannot read other local files, and gives the
 * IPC sender check one exact origin to compare with instead of a folder on disk.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

// What Vite emits (and the icons and fonts it may copy); anything else is served as opaque bytes with nosniff.
const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

// Looked for in the URL as written, before the parser folds dot segments away: a request the app itself makes never
// holds any of these, so one that does is refused rather than quietly repaired.
const DOT_SEGMENT = /(?:^|[/\\])(?:\.|%2e){1,2}(?:[/\\]|$)/i;
const FORBIDDEN_ESCAPES = /\\|%5c|%2f|%00|%25/i;

/**
 * The file under `rendererDir` an app:// URL names, or null. Refused: another scheme or host, credentials or a port,
 * a `.` or `..` segment in any spelling (plain, %2e, mixed), backslashes and encoded slashes or backslashes (a second
 * path syntax on Windows), NUL, double encoding, `:` (drive letters, NTFS streams), undecodable escapes, and anything
 * that still lands outside the folder once joined. Query and fragment are ignored; `/` is the index page.
 */
export function resolveAppUrl(rendererDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || parsed.username || parsed.password) return null;
  // Chromium hands the handler canonical URLs (lower-case scheme and host), so the origin is compared as text too.
  if (!url.startsWith(APP_ORIGIN)) return null;
  const rawPath = url.slice(APP_ORIGIN.length).split(/[?#]/, 1)[0]!;
  if (DOT_SEGMENT.test(rawPath) || FORBIDDEN_ESCAPES.test(rawPath)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (/[\0\\:]/.test(decoded)) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '.' || segment === '..')) return null;
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  // The last word: whatever got past the checks above, the file must sit inside the folder.
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, relative);
  const inside = path.relative(root, file);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return null;
  return file;
}

export type ReadFile = (file: string) => Promise<Uint8Array<ArrayBuffer>>;

const notFound = () => new Response('Not Found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/**
 * The app:// handler: GET (and HEAD) of files under `rendererDir`, 404 for everything else. The CSP is sent with every
 * answer here as well as by the session's header hook, so the policy does not depend on which hook sees the request.
 */
export function createAppProtocolHandler(
  rendererDir: string,
  readFile: ReadFile = (file) => fs.promises.readFile(file),
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method Not Allowed', { status: 405, headers: { Allow: 'GET, HEAD' } });
    }
    const file = resolveAppUrl(rendererDir, request.url);
    if (!file) return notFound();
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await readFile(file);
    } catch {
      // Missing, a folder, unreadable: all the same to the page, and nothing about the disk is told.
      return notFound();
    }
    const headers = {
      'Content-Type': mimeTypeFor(file),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Cache-Control': 'no-cache',
    };
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}

/**
 * Before the app is ready: app:// is a standard, secure scheme (relative URLs, storage, fetch) like https. Not
 * `corsEnabled` (that lets other origins read it; the page's own module scripts are same-origin and need no CORS) and
 * not `bypassCSP`.
 */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Once the app is ready: serve the renderer folder on app://. */
export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
}
