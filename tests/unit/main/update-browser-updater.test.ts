import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBrowserUpdater } from '../../../src-main/browser-host/browser-updater';
import { type UpdaterEvent } from '../../../src-main/ports/updater';

// The browser host's updater against a small HTTP feed shaped like the license service's: it records the headers
// it receives and answers 403 with the service's error body when the token is missing.

type Feed = { url: string; requests: { url: string; token: string | undefined }[]; close: () => Promise<void> };

const servers: Feed[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function feed(files: Record<string, Buffer | string>): Promise<Feed> {
  const requests: Feed['requests'] = [];
  const server = http.createServer((req, res) => {
    const token = req.headers['x-license-token'] as string | undefined;
    requests.push({ url: req.url!, token });
    if (token !== 'TOKEN') {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'update-not-covered', message: 'no' } }));
      return;
    }
    const name = decodeURIComponent(req.url!.replace(/^\/updates\//, ''));
    const body = files[name];
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'not-found', message: 'no' } }));
      return;
    }
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    res.writeHead(200, { 'content-length': bytes.length });
    // In pieces, as a network delivers it.
    let offset = 0;
    const next = () => {
      if (offset >= bytes.length) return res.end();
      res.write(bytes.subarray(offset, offset + 64 * 1024));
      offset += 64 * 1024;
      setTimeout(next, 2);
    };
    next();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const running = {
    url: `http://127.0.0.1:${port}/updates`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // fetch keeps connections alive
      }),
  };
  servers.push(running);
  return running;
}

function release(bytes: Buffer, options: { sha512?: string; version?: string } = {}) {
  const sha512 = options.sha512 ?? crypto.createHash('sha512').update(bytes).digest('base64');
  return [
    `version: ${options.version ?? '1.1.0'}`,
    'files:',
    '  - url: Setup 1.1.0.exe',
    `    sha512: ${sha512}`,
    `    size: ${bytes.length}`,
    `releaseDate: '2026-11-20T01:00:00.000Z'`,
    'releaseNotes: 修正しました',
  ].join('\n');
}

function updater(appVersion = '1.0.0') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'update-browser-'));
  const logs: string[] = [];
  const u = createBrowserUpdater({ appVersion, downloadDir: dir, progressIntervalMs: 0, log: (line) => logs.push(line) });
  const events: UpdaterEvent[] = [];
  u.onEvent((event) => events.push(event));
  return { u, dir, events, logs };
}

describe('browser host updater', () => {
  it('reads latest.yml with the token, downloads the file with progress, checks its sha512 and keeps it', async () => {
    const bytes = crypto.randomBytes(600_000);
    const f = await feed({ 'latest.yml': release(bytes), 'Setup 1.1.0.exe': bytes });
    const { u, dir, events, logs } = updater();
    u.configure({ url: f.url, headers: { 'x-license-token': 'TOKEN' } });
    await u.check();
    expect(events.slice(0, 2)).toEqual([
      { type: 'checking' },
      {
        type: 'available',
        release: { version: '1.1.0', releaseNotes: '修正しました', releaseDate: '2026-11-20T01:00:00.000Z' },
      },
    ]);
    await u.download();
    const progress = events.filter((e) => e.type === 'progress');
    expect(new Set(progress.map((p) => p.percent)).size).toBeGreaterThanOrEqual(3);
    expect(progress.at(-1)).toMatchObject({ percent: 100, transferred: bytes.length, total: bytes.length });
    expect(events.at(-1)).toEqual({ type: 'downloaded', version: '1.1.0' });
    expect(fs.readFileSync(path.join(dir, 'Setup 1.1.0.exe')).equals(bytes)).toBe(true);
    expect(f.requests).toEqual([
      { url: '/updates/latest.yml', token: 'TOKEN' },
      { url: '/updates/Setup%201.1.0.exe', token: 'TOKEN' },
    ]);
    expect(u.install()).toEqual({ simulated: true });
    expect(logs.join('\n')).toContain('install simulated');
  });

  it('refuses a file whose sha512 does not match, and deletes it', async () => {
    const bytes = crypto.randomBytes(200_000);
    const wrong = crypto.createHash('sha512').update('something else').digest('base64');
    const f = await feed({ 'latest.yml': release(bytes, { sha512: wrong }), 'Setup 1.1.0.exe': bytes });
    const { u, dir, events } = updater();
    u.configure({ url: f.url, headers: { 'x-license-token': 'TOKEN' } });
    await u.check();
    await expect(u.download()).rejects.toMatchObject({ code: 'update-checksum-mismatch' });
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(events.some((e) => e.type === 'downloaded')).toBe(false);
    expect(() => u.install()).toThrow();
  });

  it("passes on the service's refusal code", async () => {
    const f = await feed({ 'latest.yml': release(Buffer.from('x')) });
    const { u } = updater();
    u.configure({ url: f.url, headers: { 'x-license-token': 'EXPIRED' } });
    await expect(u.check()).rejects.toMatchObject({ code: 'update-not-covered' });
  });

  it('offers only a newer version than the running one', async () => {
    const f = await feed({ 'latest.yml': release(Buffer.from('x'), { version: '1.0.0' }) });
    const { u, events } = updater('1.0.0');
    u.configure({ url: f.url, headers: { 'x-license-token': 'TOKEN' } });
    await u.check();
    expect(events).toEqual([{ type: 'checking' }, { type: 'not-available' }]);
    await expect(u.download()).rejects.toMatchObject({ code: 'update-not-ready' });
  });

  it('says the service is unreachable when nothing answers', async () => {
    const { u } = updater();
    u.configure({ url: 'http://127.0.0.1:9/updates', headers: { 'x-license-token': 'TOKEN' } });
    await expect(u.check()).rejects.toMatchObject({ code: 'service-unreachable' });
  });
});
