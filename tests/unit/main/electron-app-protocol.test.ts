import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  APP_ORIGIN,
  createAppProtocolHandler,
  mimeTypeFor,
  registerAppScheme,
  resolveAppUrl,
  serveRenderer,
} from '../../../src-main/electron/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/electron/security';

// app:// serves dist/renderer and nothing else (issue 9 §4). The resolver is pure; the handler runs on a real folder
// with Node's own Request and Response, which are what Electron's protocol.handle passes and expects.

const DIR = path.join(os.tmpdir(), 'renderer-root');

describe('resolveAppUrl', () => {
  it.each([
    ['app://renderer/index.html', 'index.html'],
    ['app://renderer/', 'index.html'],
    ['app://renderer', 'index.html'],
    ['app://renderer/assets/index-abc123.js', 'assets/index-abc123.js'],
    ['app://renderer/assets/index.css?v=2#top', 'assets/index.css'],
    ['app://renderer/fonts/%E3%81%95%E3%81%8F%E3%82%89.woff2', 'fonts/さくら.woff2'],
    ['app://renderer/a//b.js', 'a/b.js'],
  ])('maps %s to %s inside the folder', (url, file) => {
    expect(resolveAppUrl(DIR, url)).toBe(path.join(DIR, file));
  });

  it.each([
    'app://renderer/../secret.txt',
    'app://renderer/assets/../../secret.txt',
    'app://renderer/%2e%2e/secret.txt',
    'app://renderer/%2E%2E/%2e%2e/etc/passwd',
    'app://renderer/.%2e/secret.txt',
    'app://renderer/%252e%252e/secret.txt',
    'app://renderer/..%2fsecret.txt',
    'app://renderer/..%2Fsecret.txt',
    'app://renderer/..%5csecret.txt',
    'app://renderer/..%5Csecret.txt',
    'app://renderer/..\\secret.txt',
    'app://renderer/assets\\..\\..\\secret.txt',
    'app://renderer/index.html%00.png',
    'app://renderer/%E3%81',
    'app://renderer/./index.html',
    'app://renderer/C:/Windows/win.ini',
    'app://renderer/%2Fetc/passwd',
    'app://other/index.html',
    'app://renderer.evil/index.html',
    'app://renderer:8080/index.html',
    'app://user@renderer/index.html',
    'file:///etc/passwd',
    'https://renderer/index.html',
    'not a url',
    '',
  ])('refuses %j', (url) => {
    const resolved = resolveAppUrl(DIR, url);
    // Whatever the reason, nothing outside the folder is ever named.
    if (resolved !== null) expect(path.relative(DIR, resolved).startsWith('..')).toBe(false);
    expect(resolved).toBeNull();
  });

  it('never leaves the folder whatever the path (a sweep of dot, slash and escape mixtures)', () => {
    const parts = ['..', '.', '%2e', '%2E', '%2e%2e', '.%2e', '%5c', '%2f', '\\', '/', 'a', '%00', '%25'];
    for (const a of parts)
      for (const b of parts)
        for (const c of parts) {
          const resolved = resolveAppUrl(DIR, `app://renderer/${a}/${b}${c}/x.js`);
          if (resolved === null) continue;
          const inside = path.relative(DIR, resolved);
          expect(inside.startsWith('..') || path.isAbsolute(inside), `${a}/${b}${c}`).toBe(false);
        }
  });
});

describe('mimeTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.JS', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['a.svg', 'image/svg+xml'],
    ['a.woff2', 'font/woff2'],
    ['a.png', 'image/png'],
    ['a.json', 'application/json; charset=utf-8'],
    ['noextension', 'application/octet-stream'],
    ['a.exe', 'application/octet-stream'],
  ])('%s is %s', (file, type) => {
    expect(mimeTypeFor(file)).toBe(type);
  });
});

describe('the app:// handler', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'app-protocol-'));
  const rendererDir = path.join(root, 'dist', 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'main.js'), 'console.log(1)');
  // Beside the folder, with a name that starts like it: must stay out of reach.
  fs.writeFileSync(path.join(root, 'dist', 'secret.txt'), 'secret');
  fs.mkdirSync(path.join(root, 'dist', 'renderer-evil'));
  fs.writeFileSync(path.join(root, 'dist', 'renderer-evil', 'index.html'), 'evil');
  const handler = createAppProtocolHandler(rendererDir);
  const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

  it('serves the index page with its type, nosniff and the CSP', async () => {
    const response = await get(APP_INDEX_URL);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toBe('<!doctype html><title>app</title>');
  });

  it('serves scripts as JavaScript (module scripts need the right type)', async () => {
    const response = await get(`${APP_ORIGIN}/assets/main.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('answers HEAD without a body', async () => {
    const response = await get(APP_INDEX_URL, 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it.each([
    `${APP_ORIGIN}/missing.js`,
    `${APP_ORIGIN}/assets`,
    `${APP_ORIGIN}/../secret.txt`,
    `${APP_ORIGIN}/%2e%2e/secret.txt`,
    `${APP_ORIGIN}/..%2fsecret.txt`,
    `${APP_ORIGIN}/..%5csecret.txt`,
    `${APP_ORIGIN}/%2e%2e/renderer-evil/index.html`,
    'app://other/index.html',
  ])('answers 404 for %s, telling nothing about the disk', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('Not Found');
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get(APP_INDEX_URL, 'POST')).status).toBe(405);
  });

  it('answers 404 when the file cannot be read, whatever the reason', async () => {
    const failing = createAppProtocolHandler(rendererDir, () => Promise.reject(new Error('EACCES')));
    expect((await failing(new Request(APP_INDEX_URL))).status).toBe(404);
  });
});

describe('registration with a faked electron protocol module', () => {
  it('registers app:// as standard and secure with fetch support, and nothing more', () => {
    const calls: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => void calls.push(schemes) });
    expect(calls).toEqual([[{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]]);
  });

  it('serves the given folder on app://', async () => {
    const handled: [string, (request: Request) => Response | Promise<Response>][] = [];
    serveRenderer({ handle: (scheme, fn) => void handled.push([scheme, fn as never]) }, path.join(os.tmpdir(), 'nowhere'));
    expect(handled.map(([scheme]) => scheme)).toEqual(['app']);
    expect((await handled[0]![1](new Request(APP_INDEX_URL))).status).toBe(404);
  });
});
