import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHost, startBrowserHost } from '../../../src-main/browser-host/browser-host';
import { EventHub } from '../../../src-main/ipc/event-hub';
import { sampleLaunchState, transportHandlers } from '../../fixtures/launch-state';

let host: BrowserHost;
let bridgeToken = '';
const status = sampleLaunchState();
const events = new EventHub();

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'renderer-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<html><head><script type="module" src="./app.js"></script></head></html>');
  fs.writeFileSync(path.join(dir, 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(os.tmpdir(), 'secret.txt'), 'secret');
  host = await startBrowserHost({
    rendererDir: dir,
    handlers: transportHandlers(status),
    events,
  });
  const bridge = await (await fetch(`${host.url}__bridge.js`)).text();
  bridgeToken = /"([0-9a-f]{48})"/.exec(bridge)?.[1] ?? '';
});
afterAll(() => host.close());

/** Raw request, so the Host header can be forged the way a DNS-rebinding page would. */
function raw(
  pathname: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string }> {
  const url = new URL(host.url);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, path: pathname, method: options.method ?? 'GET', headers: options.headers },
      (response) => {
        let body = '';
        response.on('data', (c: Buffer) => (body += c.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

describe('browser host', () => {
  it('listens on loopback only and injects the bridge before the app script', async () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
    const index = await (await fetch(host.url)).text();
    expect(index.indexOf('/__bridge.js')).toBeLessThan(index.indexOf('./app.js'));
    expect(bridgeToken).toHaveLength(48);
  });

  it('answers contract calls that carry the session token, through the same dispatcher as Electron', async () => {
    const ok = await fetch(`${host.url}__ipc/launch:state`, {
      method: 'POST',
      headers: { 'x-bridge-token': bridgeToken },
      body: '{}',
    });
    expect(await ok.json()).toEqual({ ok: true, value: status });
    const bad = await fetch(`${host.url}__ipc/license:activate`, {
      method: 'POST',
      headers: { 'x-bridge-token': bridgeToken },
      body: '{"licenseNumber":5}',
    });
    expect(await bad.json()).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('refuses calls without the token, from a foreign Host, or by GET', async () => {
    expect((await fetch(`${host.url}__ipc/launch:state`, { method: 'POST', body: '{}' })).status).toBe(403);
    expect(
      (
        await raw('/__ipc/launch:state', {
          method: 'POST',
          headers: { host: 'evil.example', 'x-bridge-token': bridgeToken },
          body: '{}',
        })
      ).status,
    ).toBe(403);
    expect((await raw('/', { headers: { host: 'evil.example' } })).status).toBe(403);
    expect((await fetch(`${host.url}__ipc/launch:state`, { headers: { 'x-bridge-token': bridgeToken } })).status).toBe(403);
  });

  it('serves only files inside the renderer folder', async () => {
    expect((await raw('/app.js')).status).toBe(200);
    expect((await raw('/../secret.txt')).status).toBe(404);
    expect((await raw('/%2e%2e/secret.txt')).status).toBe(404);
  });

  it('matches the Host header exactly, not by prefix or suffix', async () => {
    const { port } = new URL(host.url);
    for (const forged of [
      `localhost:${port}.evil.example`,
      `127.0.0.1:${port}0`,
      `localhost.evil.example:${port}`,
      `x127.0.0.1:${port}`,
    ]) {
      expect((await raw('/', { headers: { host: forged } })).status, forged).toBe(403);
    }
    expect((await raw('/', { headers: { host: `localhost:${port}` } })).status).toBe(200);
  });

  it('pushes main-process events to the page as server-sent events, behind the same token and Host checks', async () => {
    expect((await raw('/__events')).status).toBe(403);
    expect((await raw(`/__events?token=${bridgeToken}`, { headers: { host: 'evil.example' } })).status).toBe(403);
    const url = new URL(host.url);
    const received = await new Promise<string>((resolve, reject) => {
      const request = http.get({ host: url.hostname, port: url.port, path: `/__events?token=${bridgeToken}` }, (response) => {
        expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
        let body = '';
        let emitted = false;
        response.on('data', (chunk: Buffer) => {
          body += chunk.toString();
          if (!emitted && body.includes('connected')) {
            emitted = true;
            events.emit('menu:command', { command: 'version-info' });
          }
          const line = body.split('\n').find((l) => l.startsWith('data:'));
          if (line) {
            request.destroy();
            resolve(line.slice('data: '.length));
          }
        });
      });
      request.on('error', reject);
    });
    expect(JSON.parse(received)).toEqual({ kind: 'event', event: 'menu:command', payload: { command: 'version-info' } });
  });

  it('refuses to push a payload that breaks its event schema', () => {
    expect(() => events.emit('menu:command', { command: 'format-disk' } as never)).toThrow();
  });
});
