import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LicenseManager } from '../../src-main/license/license-manager';
import { LicenseServiceClient } from '../../src-main/license/service-client';
import { loadPublicKey, verifySignedLicense } from '../../src-main/license/verify-license';
import { openAppDatabase } from '../../src-main/store/app-database';
import { LicenseStore } from '../../src-main/store/license-store';
import { deviceNumberFrom } from '../../src-main/device/device-number';
import { startTestServer } from '../fixtures/license-server';

let server: Awaited<ReturnType<typeof startTestServer>>;
const NOW = new Date('2026-11-22T01:00:00Z');

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
});
afterAll(async () => {
  await server.close();
});

function issue(product = 'sakura-kaikei') {
  return server.ctx.licenses.create(
    { product, edition: 'package', kind: 'perpetual', termStart: '2026-04-01', termEnd: '2027-03-31' },
    NOW.toISOString(),
  ).number;
}

function manager(machineId: string, dbFile: string) {
  const db = openAppDatabase(dbFile);
  return {
    db,
    license: new LicenseManager({
      catalog: server.ctx.catalog,
      store: new LicenseStore(db),
      client: new LicenseServiceClient(server.url),
      publicKey: loadPublicKey(fs.readFileSync(server.publicKeyPath, 'utf8')),
      deviceNumber: deviceNumberFrom(machineId, 'salt'),
      productCode: 'sakura-kaikei',
      appVersion: '1.0.0',
      clock: () => NOW,
    }),
  };
}

const post = (route: string, body: unknown) =>
  fetch(`${server.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('activation through the real service into a real SQLite file', () => {
  it('stores the verified license and reports it without the full number or device hash', async () => {
    const number = issue();
    const app = manager('machine-a', path.join(server.dir, 'app-a.sqlite'));
    expect(app.license.status()).toEqual({ appVersion: '1.0.0', license: null, problem: null });
    const status = await app.license.activate(number.toLowerCase());
    expect(status.problem).toBeNull();
    expect(status.license).toMatchObject({
      termStart: '2026-04-01',
      termEnd: '2027-03-31',
      daysRemaining: 129,
      productName: 'さくら会計 Desktop',
      edition: 'package',
      licenseNumberMasked: `****-****-****-${number.slice(-4)}`,
    });
    expect(JSON.stringify(status)).not.toContain(number);
    expect(JSON.stringify(status)).not.toContain(deviceNumberFrom('machine-a', 'salt'));
    // What was stored verifies with the service's public key and carries the lease the service chose.
    const row = app.db.prepare('SELECT payload, signature, key_id AS keyId FROM license').get() as {
      payload: string;
      signature: string;
      keyId: string;
    };
    const verified = verifySignedLicense(row, loadPublicKey(fs.readFileSync(server.publicKeyPath, 'utf8')));
    expect(verified.ok && verified.payload.leaseUntil).toBe('2026-12-06T01:00:00.000Z');
  });

  it('treats a stored license that was tampered with as invalid', async () => {
    const app = manager('machine-b', path.join(server.dir, 'app-b.sqlite'));
    await app.license.activate(issue());
    app.db.prepare("UPDATE license SET payload = replace(payload, '2027-03-31', '2099-03-31')").run();
    expect(app.license.status()).toEqual({ appVersion: '1.0.0', license: null, problem: 'stored-license-invalid' });
  });

  it('maps the service’s refusals to stable codes and stores nothing', async () => {
    const app = manager('machine-c', path.join(server.dir, 'app-c.sqlite'));
    await expect(app.license.activate('0000-0000-0000-0000')).rejects.toMatchObject({ code: 'unknown-license' });
    await expect(app.license.activate(issue('other-product'))).rejects.toMatchObject({ code: 'product-mismatch' });
    await expect(app.license.activate('ABCD')).rejects.toMatchObject({ code: 'license-number-format' });
    expect(app.license.status().license).toBeNull();
  });

  it('reports an unreachable service as such', async () => {
    const db = openAppDatabase(path.join(server.dir, 'app-d.sqlite'));
    const offline = new LicenseManager({
      catalog: server.ctx.catalog,
      store: new LicenseStore(db),
      client: new LicenseServiceClient('http://127.0.0.1:9', fetch as never, 2000),
      publicKey: loadPublicKey(fs.readFileSync(server.publicKeyPath, 'utf8')),
      deviceNumber: deviceNumberFrom('machine-d', 'salt'),
      productCode: 'sakura-kaikei',
      appVersion: '1.0.0',
      clock: () => NOW,
    });
    await expect(offline.activate(issue())).rejects.toMatchObject({ code: 'service-unreachable' });
  });
});

describe('license service HTTP errors', () => {
  it('answers bad bodies with a typed 400, never a 5xx', async () => {
    for (const body of [
      {},
      { licenseNumber: 1 },
      'text',
      [],
      { licenseNumber: 'x', product: 'sakura-kaikei', device: 'zz', appVersion: '1' },
    ]) {
      const response = await post('/v1/activations', body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid-request' } });
    }
    const malformed = await fetch(`${server.url}/v1/activations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'invalid-request' } });
  });

  it('answers unknown routes with not-found', async () => {
    const response = await fetch(`${server.url}/v1/nothing`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'not-found', message: 'no such route' } });
  });
});
