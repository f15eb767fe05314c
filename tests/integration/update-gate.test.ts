import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SignedLicense } from '../../src-shared/contracts/signed-license';
import { decodeLicenseToken, encodeLicenseToken } from '../../src-server/updates/license-token';
import { startTestServer } from '../fixtures/license-server';
import { testStores } from './helpers/test-stores';
import { newKeyPair, samplePayload, signPayload, signWith } from '../fixtures/signing';

// The generic electron-updater feed behind the license gate: a real service on a free port, a real SQLite file and
// a releases folder written the way electron-builder writes it.

let server: Awaited<ReturnType<typeof startTestServer>>;
let releases: string;
const NOW = new Date('2026-11-22T01:00:00Z');
const TERM_END = '2027-03-31';

const WINDOWS_EXE = 'さくら会計-Desktop-Setup-1.1.0.exe';
const MAC_DMG = 'RenewalDesk-1.1.0.dmg';
const MAC_ZIP = 'RenewalDesk-1.1.0-mac.zip';
const LINUX_APPIMAGE = 'RenewalDesk-1.2.0.AppImage';
const bytes = new Map<string, Buffer>();

function writeArtifact(name: string, size: number): void {
  const content = crypto.randomBytes(size);
  bytes.set(name, content);
  fs.writeFileSync(path.join(releases, name), content);
}

/** A channel file as electron-builder writes it (sha512 values are not checked by the gate, only by the updater). */
function writeChannel(file: string, release: { version: string; releaseDate: string; artifacts: string[] }): void {
  const sha = (name: string) =>
    crypto
      .createHash('sha512')
      .update(bytes.get(name) ?? '')
      .digest('base64');
  const entries = release.artifacts.map(
    (name) => `  - url: ${name}\n    sha512: ${sha(name)}\n    size: ${bytes.get(name)?.length ?? 0}`,
  );
  const first = release.artifacts[0] ?? '';
  fs.writeFileSync(
    path.join(releases, file),
    `version: ${release.version}\nfiles:\n${entries.join('\n')}\npath: ${first}\nsha512: ${sha(first)}\nreleaseDate: '${release.releaseDate}'\n`,
  );
}

const DEVICE_A = 'a'.repeat(64);
const DEVICE_B = 'b'.repeat(64);

/** A license created by the vendor and activated through the real endpoint, with the signed license it issued. */
async function activatedLicense(
  termEnd = TERM_END,
  device = DEVICE_A,
): Promise<{ id: string; signed: SignedLicense; token: string }> {
  const created = await server.ctx.licenses.create(
    { product: 'sakura-kaikei', edition: 'package', kind: 'perpetual', termStart: '2026-04-01', termEnd },
    NOW.toISOString(),
  );
  const response = await fetch(`${server.url}/v1/activations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ licenseNumber: created.number, product: 'sakura-kaikei', device, appVersion: '1.0.0' }),
  });
  expect(response.status).toBe(200);
  const signed = ((await response.json()) as { license: SignedLicense }).license;
  return { id: created.id, signed, token: encodeLicenseToken(signed) };
}

const download = (file: string, token?: string, method = 'GET') =>
  fetch(`${server.url}/updates/${encodeURIComponent(file)}`, {
    method,
    headers: token === undefined ? {} : { 'x-license-token': token },
  });

async function expectRefusal(response: Response, status: number, code: string): Promise<string> {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  return body.error.message;
}

/** Sends a path exactly as written: fetch would normalise '..' segments before they reach the service. */
function rawGet(rawPath: string, token: string): Promise<number> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: hostname, port, path: rawPath, headers: { 'x-license-token': token } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });
}

async function addOrder(
  licenseId: string,
  state: string,
  termEnd: string,
  dueOn = '2026-12-06',
  placedOnTermEnd: string | null = null,
): Promise<void> {
  const quoteId = crypto.randomUUID();
  const at = NOW.toISOString();
  await server.ctx.store.session.run(
    `INSERT INTO quotes (id, license_id, plan_kind, months, options, body, total_yen, created_at, expires_at)
       VALUES (?, ?, 'continuous', 12, '[]', '{}', 13200, ?, ?)`,
    [quoteId, licenseId, at, '2026-12-22T01:00:00Z'],
  );
  await server.ctx.store.session.run(
    `INSERT INTO orders (id, license_id, quote_id, idempotency_key, request_hash, method, state, amount_yen, months, options,
         term_start, term_end, due_on, received_yen, placed_on_term_end, response, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'hash', 'bank-transfer', ?, 13200, 12, '[]', '2027-04-01', ?, ?, NULL, ?, '{}', ?, ?)`,
    [crypto.randomUUID(), licenseId, quoteId, crypto.randomUUID(), state, termEnd, dueOn, placedOnTermEnd, at, at],
  );
}

describe.each(testStores())('on %s', (store) => {
  beforeAll(async () => {
    server = await startTestServer({ store, clock: () => NOW });
    releases = server.ctx.config.releasesPath;
    fs.mkdirSync(releases, { recursive: true });
    writeArtifact(WINDOWS_EXE, 300_000);
    writeArtifact(`${WINDOWS_EXE}.blockmap`, 2_000);
    writeArtifact(MAC_DMG, 50_000);
    writeArtifact(MAC_ZIP, 40_000);
    writeArtifact(LINUX_APPIMAGE, 60_000);
    writeArtifact('RenewalDesk-Setup-1.0.0.exe', 1_000);
    writeArtifact('notes.txt', 100);
    writeChannel('latest.yml', { version: '1.1.0', releaseDate: '2027-02-15T03:00:00.000Z', artifacts: [WINDOWS_EXE] });
    writeChannel('latest-mac.yml', { version: '1.1.0', releaseDate: '2027-02-15T03:00:00.000Z', artifacts: [MAC_ZIP, MAC_DMG] });
    // Released after the term of the licenses below ends.
    writeChannel('latest-linux.yml', { version: '1.2.0', releaseDate: '2027-06-01T01:00:00.000Z', artifacts: [LINUX_APPIMAGE] });
  });

  afterAll(async () => {
    await server.close();
  });

  describe('the license token', () => {
    it('carries the signed license unchanged, Japanese text included', () => {
      const signed = signPayload(newKeyPair().privateKey, samplePayload({ licenseNumber: 'さくら-1234' }));
      const token = encodeLicenseToken(signed);
      expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9+/]{86}==$/);
      expect(decodeLicenseToken(token)).toEqual({ payload: signed.payload, signature: signed.signature });
    });

    it('refuses anything that is not exactly one encoded payload and one signature', () => {
      const signed = signPayload(newKeyPair().privateKey, samplePayload());
      const token = encodeLicenseToken(signed);
      const [encoded] = token.split('.');
      for (const garbled of [
        '',
        'abc',
        `${token}.x`,
        `${encoded}.short==`,
        `${encoded}!.${signed.signature}`,
        `.${signed.signature}`,
        `${Buffer.from([0xff, 0xfe]).toString('base64url')}.${signed.signature}`,
      ]) {
        expect(decodeLicenseToken(garbled), garbled).toBeNull();
      }
    });
  });

  describe('GET /updates/:file for a license whose term covers the release', () => {
    it('serves the channel file and the artifacts it names, byte for byte', async () => {
      const { token } = await activatedLicense();

      const channel = await download('latest.yml', token);
      expect(channel.status).toBe(200);
      expect(channel.headers.get('content-type')).toMatch(/^text\/yaml/);
      const text = await channel.text();
      expect(text).toBe(fs.readFileSync(path.join(releases, 'latest.yml'), 'utf8'));
      expect(channel.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));

      for (const name of [WINDOWS_EXE, `${WINDOWS_EXE}.blockmap`, MAC_DMG, MAC_ZIP]) {
        const response = await download(name, token);
        expect(response.status, name).toBe(200);
        expect(response.headers.get('content-type')).toBe('application/octet-stream');
        expect(response.headers.get('content-length')).toBe(String(bytes.get(name)?.length));
        expect(response.headers.get('cache-control')).toBe('private, no-store');
        expect(Buffer.from(await response.arrayBuffer()).equals(bytes.get(name) ?? Buffer.alloc(0)), name).toBe(true);
      }
    });

    it('answers HEAD with the headers and no body', async () => {
      const { token } = await activatedLicense();
      const response = await download(WINDOWS_EXE, token, 'HEAD');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-length')).toBe(String(bytes.get(WINDOWS_EXE)?.length));
      expect((await response.arrayBuffer()).byteLength).toBe(0);
      await expectRefusal(await download(WINDOWS_EXE, undefined, 'GET'), 401, 'update-token-required');
      expect((await download(WINDOWS_EXE, undefined, 'HEAD')).status).toBe(401);
    });
  });

  describe('coverage: the term, and a renewal placed but not yet paid (SPEC §6)', () => {
    it('refuses a release after the end of the term, naming the end', async () => {
      const { token } = await activatedLicense();
      for (const name of ['latest-linux.yml', LINUX_APPIMAGE]) {
        const message = await expectRefusal(await download(name, token), 403, 'update-not-covered');
        expect(message).toContain(TERM_END);
        expect(message).toContain('2027-06-01');
      }
    });

    it('lets a pending renewal order extend coverage to the term it buys', async () => {
      const { id, token } = await activatedLicense();
      await expectRefusal(await download(LINUX_APPIMAGE, token), 403, 'update-not-covered');
      await addOrder(id, 'pending', '2028-03-31');
      const response = await download(LINUX_APPIMAGE, token);
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(bytes.get(LINUX_APPIMAGE) ?? Buffer.alloc(0))).toBe(true);
    });

    it('does not count paid, declined, lapsed or needs-support orders (a paid one is already in the term)', async () => {
      const { id, token } = await activatedLicense();
      for (const state of ['paid', 'declined', 'lapsed', 'needs-support']) await addOrder(id, state, '2028-03-31');
      await expectRefusal(await download(LINUX_APPIMAGE, token), 403, 'update-not-covered');
    });

    it('stops counting a pending order once its due date has passed (it lapses)', async () => {
      const { id, token } = await activatedLicense();
      await addOrder(id, 'pending', '2028-03-31', '2026-11-21'); // due yesterday (JST)
      await expectRefusal(await download(LINUX_APPIMAGE, token), 403, 'update-not-covered');
      expect(await server.ctx.store.session.get('SELECT state FROM orders WHERE license_id = ?', [id])).toEqual({
        state: 'lapsed',
      });
    });

    it('does not shorten coverage when a pending order ends earlier than the term', async () => {
      const { id, token } = await activatedLicense();
      await addOrder(id, 'pending', '2027-01-31');
      expect((await download(WINDOWS_EXE, token)).status).toBe(200);
    });

    it('reads the current term, not the one in the token', async () => {
      const { id, token } = await activatedLicense();
      await server.ctx.store.session.run("UPDATE licenses SET term_end = '2028-03-31' WHERE id = ?", [id]);
      expect((await download(LINUX_APPIMAGE, token)).status).toBe(200);
      await server.ctx.store.session.run("UPDATE licenses SET term_end = '2027-01-31' WHERE id = ?", [id]);
      await expectRefusal(await download(WINDOWS_EXE, token), 403, 'update-not-covered');
    });

    it('compares the release date as a JST calendar date, whatever the machine zone', async () => {
      const { token } = await activatedLicense();
      const channel = { version: '1.1.1', artifacts: [MAC_ZIP, MAC_DMG] };
      try {
        writeChannel('latest-mac.yml', { ...channel, releaseDate: '2027-03-31T14:59:59Z' }); // 2027-03-31 23:59:59 JST
        expect((await download('latest-mac.yml', token)).status).toBe(200);
        expect((await download(MAC_DMG, token)).status).toBe(200);

        writeChannel('latest-mac.yml', { ...channel, releaseDate: '2027-03-31T15:00:00Z' }); // 2027-04-01 00:00 JST
        const message = await expectRefusal(await download('latest-mac.yml', token), 403, 'update-not-covered');
        expect(message).toContain('2027-04-01');
        await expectRefusal(await download(MAC_DMG, token), 403, 'update-not-covered');

        writeChannel('latest-mac.yml', { ...channel, releaseDate: '2027-03-31T23:59:59+09:00' });
        expect((await download(MAC_DMG, token)).status).toBe(200);
      } finally {
        writeChannel('latest-mac.yml', { ...channel, version: '1.1.0', releaseDate: '2027-02-15T03:00:00.000Z' });
      }
    });
  });

  describe('after support ends (SPEC §8, seed 003): nothing, past versions included', () => {
    const OLD = { version: '1.0.5', artifacts: [MAC_ZIP, MAC_DMG], releaseDate: '2026-06-01T01:00:00.000Z' };
    const withOldRelease = async (run: () => Promise<void>) => {
      try {
        writeChannel('latest-mac.yml', OLD);
        await run();
      } finally {
        writeChannel('latest-mac.yml', { ...OLD, version: '1.1.0', releaseDate: '2027-02-15T03:00:00.000Z' });
      }
    };

    it('still serves a release from within the term on the term’s last day (JST)', async () => {
      const { token } = await activatedLicense('2026-11-22'); // NOW is 2026-11-22 10:00 JST
      await withOldRelease(async () => {
        expect((await download('latest-mac.yml', token)).status).toBe(200);
        expect((await download(MAC_DMG, token)).status).toBe(200);
      });
    });

    it('serves nothing once the term has ended and no renewal is placed, not even a release dated within it', async () => {
      const { token } = await activatedLicense('2026-11-21');
      await withOldRelease(async () => {
        for (const name of ['latest-mac.yml', MAC_DMG, MAC_ZIP]) {
          const message = await expectRefusal(await download(name, token), 403, 'update-not-covered');
          expect(message).toContain('ended on 2026-11-21');
          expect(message).toContain('past versions included');
        }
      });
    });

    it('a placed renewal re-opens the feed once per term; after it lapsed unpaid, another placed order opens nothing', async () => {
      const { id, token } = await activatedLicense('2026-10-31');
      await withOldRelease(async () => {
        await addOrder(id, 'pending', '2027-10-31', '2026-12-06', '2026-10-31');
        expect((await download(MAC_DMG, token)).status).toBe(200);
        await server.ctx.store.session.run("UPDATE orders SET state = 'lapsed', cleared_at = ? WHERE license_id = ?", [
          NOW.toISOString(),
          id,
        ]);
        await expectRefusal(await download(MAC_DMG, token), 403, 'update-not-covered');
        // Even if support cleared the lapsed order and the customer placed a new one, the term's chance is used up.
        await addOrder(id, 'pending', '2027-10-31', '2026-12-06', '2026-10-31');
        await expectRefusal(await download(MAC_DMG, token), 403, 'update-not-covered');
        // A new term (the renewal paid) opens the feed again.
        await server.ctx.store.session.run("UPDATE licenses SET term_end = '2027-10-31' WHERE id = ?", [id]);
        expect((await download(MAC_DMG, token)).status).toBe(200);
      });
    });
  });

  describe('refusals by license state', () => {
    it('refuses revoked and cancelled licenses with their own codes', async () => {
      for (const state of ['revoked', 'cancelled']) {
        const { id, token } = await activatedLicense();
        await server.ctx.store.session.run('UPDATE licenses SET state = ? WHERE id = ?', [state, id]);
        await expectRefusal(await download('latest.yml', token), 403, state);
        await expectRefusal(await download(WINDOWS_EXE, token), 403, state);
      }
    });

    it('refuses a device the license has moved away from', async () => {
      const { token } = await activatedLicense();
      expect((await download('latest.yml', token)).status).toBe(200);
      const moved = await activatedLicense();
      // Activating the same number on device B moves it; device A's token is then refused.
      const number = (
        await server.ctx.store.session.get<{ number: string }>('SELECT number FROM licenses WHERE id = ?', [moved.id])
      )?.number;
      const response = await fetch(`${server.url}/v1/activations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ licenseNumber: number, product: 'sakura-kaikei', device: DEVICE_B, appVersion: '1.0.0' }),
      });
      expect(response.status).toBe(200);
      const deviceB = encodeLicenseToken(((await response.json()) as { license: SignedLicense }).license);
      await expectRefusal(await download('latest.yml', moved.token), 403, 'moved');
      expect((await download('latest.yml', deviceB)).status).toBe(200);
    });

    it('refuses when the row says moved or names another device', async () => {
      const first = await activatedLicense();
      await server.ctx.store.session.run('UPDATE licenses SET device = ? WHERE id = ?', ['c'.repeat(64), first.id]);
      await expectRefusal(await download('latest.yml', first.token), 403, 'moved');
      const second = await activatedLicense();
      await server.ctx.store.session.run("UPDATE licenses SET state = 'moved' WHERE id = ?", [second.id]);
      await expectRefusal(await download('latest.yml', second.token), 403, 'moved');
    });

    it('refuses a genuine token for a license the service does not have', async () => {
      const payload = samplePayload({ licenseId: crypto.randomUUID(), term: { start: '2026-04-01', end: '2099-12-31' } });
      const token = encodeLicenseToken(signPayload(server.ctx.key.privateKey, payload));
      await expectRefusal(await download('latest.yml', token), 403, 'unknown-license');
    });
  });

  describe('refusals of the token itself', () => {
    it('asks for a token when there is none', async () => {
      await expectRefusal(await download('latest.yml'), 401, 'update-token-required');
      await expectRefusal(await download('latest.yml', ''), 401, 'update-token-required');
    });

    it('refuses a payload changed by one character', async () => {
      const { signed } = await activatedLicense();
      const tampered = signed.payload.replace(`"end":"${TERM_END}"`, '"end":"2027-03-32"');
      expect(tampered).not.toBe(signed.payload);
      expect(tampered.length).toBe(signed.payload.length);
      await expectRefusal(
        await download('latest.yml', encodeLicenseToken({ ...signed, payload: tampered })),
        401,
        'update-token-invalid',
      );
      // A later end, too: the term is never taken from what the client sends.
      const extended = signed.payload.replace(`"end":"${TERM_END}"`, '"end":"2099-03-31"');
      await expectRefusal(
        await download(LINUX_APPIMAGE, encodeLicenseToken({ ...signed, payload: extended })),
        401,
        'update-token-invalid',
      );
    });

    it('refuses a license signed by another key', async () => {
      const { signed } = await activatedLicense();
      const forged = signWith(newKeyPair().privateKey, signed.payload);
      await expectRefusal(await download('latest.yml', encodeLicenseToken(forged)), 401, 'update-token-invalid');
    });

    it('refuses a garbled token', async () => {
      const { token, signed } = await activatedLicense();
      const notALicense = encodeLicenseToken(signWith(server.ctx.key.privateKey, '{"hello":"world"}'));
      for (const garbled of [
        'x',
        `${token}x`,
        token.replace('.', ''),
        `${token.split('.')[0]}.${'A'.repeat(86)}==`,
        signed.payload,
        notALicense,
      ]) {
        await expectRefusal(await download('latest.yml', garbled), 401, 'update-token-invalid');
      }
    });
  });

  describe('what the feed serves at all', () => {
    it('serves only files a channel file names', async () => {
      const { token } = await activatedLicense();
      for (const name of [
        'RenewalDesk-Setup-1.0.0.exe',
        'notes.txt',
        'service.sqlite',
        'missing.exe',
        `${MAC_DMG}.zip`,
        'latest-win.yml',
      ]) {
        await expectRefusal(await download(name, token), 404, 'not-found');
      }
      // Named by a channel file but not in the folder.
      fs.renameSync(path.join(releases, MAC_ZIP), path.join(releases, 'moved-away'));
      try {
        await expectRefusal(await download(MAC_ZIP, token), 404, 'not-found');
      } finally {
        fs.renameSync(path.join(releases, 'moved-away'), path.join(releases, MAC_ZIP));
      }
    });

    it('stops serving an artifact once a new release replaces the channel file', async () => {
      const { token } = await activatedLicense();
      writeArtifact('RenewalDesk-Setup-1.1.1.exe', 5_000);
      writeChannel('latest.yml', {
        version: '1.1.1',
        releaseDate: '2027-03-01T00:00:00Z',
        artifacts: ['RenewalDesk-Setup-1.1.1.exe'],
      });
      try {
        expect((await download('RenewalDesk-Setup-1.1.1.exe', token)).status).toBe(200);
        await expectRefusal(await download(WINDOWS_EXE, token), 404, 'not-found');
      } finally {
        writeChannel('latest.yml', { version: '1.1.0', releaseDate: '2027-02-15T03:00:00.000Z', artifacts: [WINDOWS_EXE] });
      }
      expect((await download(WINDOWS_EXE, token)).status).toBe(200);
    });

    it('refuses a channel file it cannot date, without disturbing the others', async () => {
      const { token } = await activatedLicense();
      fs.writeFileSync(
        path.join(releases, 'beta.yml'),
        `version: 1.3.0\nfiles:\n  - url: ${LINUX_APPIMAGE}\n    sha512: x\npath: ${LINUX_APPIMAGE}\n`,
      );
      fs.writeFileSync(path.join(releases, 'alpha.yml'), 'version: [unclosed\n');
      try {
        await expectRefusal(await download('beta.yml', token), 404, 'not-found');
        await expectRefusal(await download('alpha.yml', token), 404, 'not-found');
        expect((await download('latest.yml', token)).status).toBe(200);
      } finally {
        fs.rmSync(path.join(releases, 'beta.yml'));
        fs.rmSync(path.join(releases, 'alpha.yml'));
      }
    });

    it('never leaves the releases folder', async () => {
      const { token } = await activatedLicense();
      // A channel file naming something outside the folder does not make it servable.
      writeChannel('evil.yml', { version: '9.9.9', releaseDate: '2027-01-01T00:00:00Z', artifacts: ['../service.sqlite'] });
      try {
        for (const name of [
          '../service.sqlite',
          '..',
          '.',
          '..\\service.sqlite',
          'a/b',
          'keys/signing.pem',
          '.hidden.yml',
          '..latest.yml',
          'latest.yml\u0000',
        ]) {
          const response = await download(name, token);
          expect([400, 404], name).toContain(response.status);
          expect(((await response.json()) as { error: { code: string } }).error.code).toMatch(/^(not-found|invalid-request)$/);
        }
        for (const raw of [
          '/updates/../service.sqlite',
          '/updates/%2e%2e%2fservice.sqlite',
          '/updates/..%2F..%2Fetc%2Fpasswd',
          '/updates/%2E%2E',
          '/updates/..%5Cservice.sqlite',
        ]) {
          expect([400, 404], raw).toContain(await rawGet(raw, token));
        }
      } finally {
        fs.rmSync(path.join(releases, 'evil.yml'));
      }
    });
  });
});
