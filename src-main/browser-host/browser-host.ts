import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { build } from 'esbuild';
import { CONTENT_SECURITY_POLICY } from '../electron/security';
import { dispatch, type Logger } from '../ipc/dispatch';
import { type EventHub } from '../ipc/event-hub';
import { type IpcHandlers } from '../ipc/ipc-handlers';
import { EventStream } from './event-stream';

// A test and demo host for machines where Electron cannot run: serves the built renderer and answers the
// preload API over a loopback-only bridge, backed by the real main-process services. Not part of the product.

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};
const MAX_BODY = 64 * 1024;

export type BrowserHost = { url: string; close: () => Promise<void> };

export const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

async function buildBridge(token: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join(__dirname, 'bridge-client.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    define: { __BRIDGE_TOKEN__: JSON.stringify(token) },
  });
  return result.outputFiles[0]!.text;
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export async function startBrowserHost(options: {
  rendererDir: string;
  handlers: IpcHandlers;
  events: EventHub;
  /** The stream the host's own adapters (notifier) also write to; one is made when none is given. */
  stream?: EventStream;
  port?: number;
  /** The app's redacting logger; the console when none is given. */
  log?: Logger;
}): Promise<BrowserHost> {
  const log = options.log ?? { error: (m: string, d?: unknown) => console.error(m, d) };
  const stream = options.stream ?? new EventStream(SECURITY_HEADERS);
  const unsubscribe = options.events.subscribe((event, payload) => stream.send({ kind: 'event', event, payload }));
  const indexFile = path.join(options.rendererDir, 'index.html');
  if (!fs.existsSync(indexFile)) throw new Error(`renderer not built: ${indexFile} is missing (run "npm run build:renderer")`);
  const token = crypto.randomBytes(24).toString('hex');
  const bridge = await buildBridge(token);
  const index = fs.readFileSync(indexFile, 'utf8').replace('<script', '<script src="/__bridge.js"></script>\n    <script');
  let allowedHosts: string[] = [];

  const server = http.createServer((request, response) => {
    const send = (status: number, type: string, body: string | Buffer) => {
      response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type });
      response.end(body);
    };
    // Only pages that name this host exactly may talk to it (defends against DNS rebinding).
    if (!allowedHosts.includes(request.headers.host ?? '')) return send(403, 'text/plain', 'forbidden host');
    const url = new URL(request.url ?? '/', 'http://host');

    // EventSource cannot send headers, so the events stream carries the same per-session token in its query.
    if (url.pathname === '/__events') {
      if (request.method !== 'GET' || url.searchParams.get('token') !== token) return send(403, 'text/plain', 'forbidden');
      return stream.attach(response);
    }
    if (url.pathname.startsWith('/__ipc/')) {
      if (request.method !== 'POST' || request.headers['x-bridge-token'] !== token) return send(403, 'text/plain', 'forbidden');
      const channel = decodeURIComponent(url.pathname.slice('/__ipc/'.length));
      readBody(request)
        .then(async (text) => {
          let payload: unknown;
          try {
            payload = JSON.parse(text);
          } catch {
            return send(
              200,
              MIME['.json']!,
              JSON.stringify({ ok: false, error: { code: 'invalid-request', message: 'body is not JSON' } }),
            );
          }
          const envelope = await dispatch(options.handlers, channel, payload, log);
          send(200, MIME['.json']!, JSON.stringify(envelope));
        })
        .catch(() => send(413, 'text/plain', 'body too large'));
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'text/plain', 'method not allowed');
    if (url.pathname === '/__bridge.js') return send(200, MIME['.js']!, bridge);
    if (url.pathname === '/' || url.pathname === '/index.html') return send(200, MIME['.html']!, index);
    const file = path.resolve(options.rendererDir, `.${path.posix.normalize(url.pathname)}`);
    if (!file.startsWith(options.rendererDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      return send(404, 'text/plain', 'not found');
    }
    send(200, MIME[path.extname(file)] ?? 'application/octet-stream', fs.readFileSync(file));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        unsubscribe();
        stream.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
