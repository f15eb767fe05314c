import fs from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LicensePayloadSchema } from '../../src-shared/contracts/signed-license';
import { loadPublicKey, verifySignedLicense } from '../../src-main/license/verify-license';
import { issueLicense } from '../../src-server/licenses/license-issuer';
import { startTestServer } from '../fixtures/license-server';
import { testStores } from './helpers/test-stores';
import { deviceId, manualClock, serviceClient } from '../fixtures/service-client';

const clock = manualClock('2026-11-22T01:00:00Z');
let server: Awaited<ReturnType<typeof startTestServer>>;
let api: ReturnType<typeof serviceClient>;

describe.each(testStores())('on %s', (store) => {
  beforeAll(async () => {
    server = await startTestServer({ store, clock: clock.now });
    api = serviceClient(server.url);
  });
  afterAll(() => server.close());
  beforeEach(() => clock.set('2026-11-22T01:00:00Z'));

  const body = (licenseNumber: string, device: string, product = 'sakura-kaikei') => ({
    licenseNumber,
    product,
    device,
    appVersion: '1.0.0',
  });
  const payloadOf = (signed: { payload: string }) => LicensePayloadSchema.parse(JSON.parse(signed.payload));
  const verify = (signed: { payload: string; signature: string; keyId: string }) =>
    verifySignedLicense(signed, loadPublicKey(fs.readFileSync(server.publicKeyPath, 'utf8')));

  async function issue(product = 'sakura-kaikei', edition: 'package' | 'download' = 'package', end = '2027-03-31') {
    return await issueLicense(server.ctx, { product, edition, start: '2026-04-01', end });
  }

  describe('activation and devices (SPEC §4)', () => {
    it('reads a license’s options in code order whatever order they were stored in, with or without its renewal', async () => {
      const { license } = await issue();
      const stored = await server.ctx.licenses.create(
        {
          product: license.product,
          edition: license.edition,
          kind: license.kind,
          termStart: license.termStart,
          termEnd: license.termEnd,
          options: [
            { code: 'e-filing', end: license.termEnd },
            { code: 'bank-import', end: license.termEnd },
          ],
        },
        '2026-11-22T01:00:00.000Z',
      );
      const codes = ['bank-import', 'e-filing'];
      expect(stored.options.map((o) => o.code)).toEqual(codes);
      expect((await server.ctx.licenses.findByNumber(stored.number))?.options.map((o) => o.code)).toEqual(codes);
      const read = await server.ctx.licenses.findByNumberWithRenewal(stored.number, '2026-11-22');
      expect(read?.license.options.map((o) => o.code)).toEqual(codes);
      expect(read?.renewal).toBeNull();
    });

    it('issues a license whose kind and options come from the catalog, signed with the published key', async () => {
      const { license, registration } = await issue();
      expect(license.kind).toBe('perpetual');
      expect(license.options.map((o) => o.code).sort()).toEqual(['bank-import', 'e-filing']);
      expect(registration?.registrationNumber).toMatch(/^\d{4}-\d{4}-\d{4}$/);
      const response = await api.post('/v1/activations', body(license.number, deviceId('a')));
      expect(response.status).toBe(200);
      expect(verify(response.body.license).ok).toBe(true);
      expect(response.body.serverTime).toBe('2026-11-22T01:00:00.000Z');
      expect(payloadOf(response.body.license)).toMatchObject({
        device: deviceId('a'),
        term: { start: '2026-04-01', end: '2027-03-31' },
        state: 'active',
      });
    });

    it('moves the license to a second device; the first device is told "moved" on its next validation', async () => {
      const { license } = await issue();
      await api.post('/v1/activations', body(license.number, deviceId('first')));
      expect((await api.post('/v1/validations', body(license.number, deviceId('first')))).status).toBe(200);
      await api.post('/v1/activations', body(license.number, deviceId('second')));
      const old = await api.post('/v1/validations', body(license.number, deviceId('first')));
      expect(old).toMatchObject({ status: 409, body: { error: { code: 'moved' } } });
      expect((await api.post('/v1/validations', body(license.number, deviceId('second')))).status).toBe(200);
    });

    it('gives each device of one customer its own license', async () => {
      const customer = await server.ctx.customers.create({ name: '多店舗株式会社' }, clock.now().toISOString());
      const a = (await issueLicense(server.ctx, { product: 'menzei-terminal', edition: 'download', customerId: customer.id }))
        .license;
      const b = (await issueLicense(server.ctx, { product: 'menzei-terminal', edition: 'download', customerId: customer.id }))
        .license;
      expect((await api.post('/v1/activations', body(a.number, deviceId('shop-1'), 'menzei-terminal'))).status).toBe(200);
      expect((await api.post('/v1/activations', body(b.number, deviceId('shop-2'), 'menzei-terminal'))).status).toBe(200);
      expect((await api.post('/v1/validations', body(a.number, deviceId('shop-1'), 'menzei-terminal'))).status).toBe(200);
      expect((await api.post('/v1/validations', body(b.number, deviceId('shop-2'), 'menzei-terminal'))).status).toBe(200);
    });

    it('refuses revoked, cancelled, unknown and other-product licenses with stable codes', async () => {
      const revoked = (await issue()).license;
      const cancelled = (await issue()).license;
      for (const l of [revoked, cancelled]) await api.post('/v1/activations', body(l.number, deviceId('x')));
      await server.ctx.licenses.setState(revoked.id, 'revoked', clock.now().toISOString());
      await server.ctx.licenses.setState(cancelled.id, 'cancelled', clock.now().toISOString());
      expect((await api.post('/v1/validations', body(revoked.number, deviceId('x')))).body.error.code).toBe('revoked');
      expect((await api.post('/v1/validations', body(cancelled.number, deviceId('x')))).body.error.code).toBe('cancelled');
      expect((await api.post('/v1/activations', body(revoked.number, deviceId('y')))).body.error.code).toBe('revoked');
      expect((await api.post('/v1/validations', body('0000-0000-0000-0000', deviceId('x')))).body.error.code).toBe(
        'unknown-license',
      );
      expect((await api.post('/v1/validations', body('0000-0000-0000-0001', deviceId('x')))).body.error.code).toBe(
        'license-number-check',
      );
      expect(
        (await api.post('/v1/activations', body((await issue()).license.number, deviceId('x'), 'model-studio'))).body.error.code,
      ).toBe('product-mismatch');
    });

    it('leases for the configured days and reports the service time', async () => {
      const { license } = await issue();
      await api.post('/v1/activations', body(license.number, deviceId('lease')));
      clock.advanceDays(3);
      const response = await api.post('/v1/validations', body(license.number, deviceId('lease')));
      expect(payloadOf(response.body.license).leaseUntil).toBe('2026-12-09T01:00:00.000Z');
    });
  });

  describe('trials (seed 001)', () => {
    it('gives 30 days from the terms-acceptance instant, once per device and product', async () => {
      clock.set('2026-11-22T16:00:00Z'); // 2026-11-23 01:00 JST
      const request = { product: 'menzei-terminal', device: deviceId('trial'), appVersion: '1.0.0', termsAccepted: true };
      const first = await api.post('/v1/trials', request);
      expect(first.status).toBe(201);
      expect(payloadOf(first.body.license)).toMatchObject({
        trial: true,
        term: { start: '2026-11-23', end: '2026-12-23' },
        device: deviceId('trial'),
      });
      expect(await api.post('/v1/trials', request)).toMatchObject({
        status: 409,
        body: { error: { code: 'trial-already-used' } },
      });
      expect((await api.post('/v1/trials', { ...request, device: deviceId('trial-2') })).status).toBe(201);
    });

    it('refuses products without a trial, and unaccepted terms', async () => {
      const request = { product: 'sakura-kaikei', device: deviceId('t'), appVersion: '1.0.0', termsAccepted: true };
      expect((await api.post('/v1/trials', request)).body.error.code).toBe('trial-not-offered');
      expect((await api.post('/v1/trials', { ...request, product: 'no-such-product' })).body.error.code).toBe('unknown-product');
      expect(
        (await api.post('/v1/trials', { ...request, product: 'menzei-terminal', termsAccepted: false })).body.error.code,
      ).toBe('invalid-request');
    });
  });

  describe('user registration (seed 000)', () => {
    it('registers a package with its registration number and install key, and refuses a wrong key', async () => {
      const { license, registration } = await issue();
      const request = {
        product: 'sakura-kaikei',
        registrationNumber: registration!.registrationNumber,
        installKey: registration!.installKey,
        name: '山田 花子',
        email: 'hanako@example.jp',
      };
      expect((await api.post('/v1/registrations', { ...request, installKey: 'WRONG-KEY' })).body.error.code).toBe(
        'registration-invalid',
      );
      expect((await api.post('/v1/registrations', { ...request, product: 'model-studio' })).body.error.code).toBe(
        'registration-invalid',
      );
      const ok = await api.post('/v1/registrations', { ...request, installKey: registration!.installKey.toLowerCase() });
      expect(ok).toMatchObject({ status: 201, body: { registered: true, licenseNumber: license.number } });
      expect((await server.ctx.licenses.findById(license.id))?.registeredAt).toBe('2026-11-22T01:00:00.000Z');
    });
  });

  describe('rate limits', () => {
    it('answers too many activations from one address with 429 rate-limited', async () => {
      const limited = await startTestServer({ store, rateLimitPerMinute: 3 });
      try {
        const client = serviceClient(limited.url);
        const codes = [];
        for (let i = 0; i < 5; i++)
          codes.push((await client.post('/v1/validations', body('0000-0000-0000-0000', deviceId('r')))).status);
        expect(codes).toEqual([404, 404, 404, 429, 429]);
        expect((await client.post('/v1/validations', body('0000-0000-0000-0000', deviceId('r')))).body).toMatchObject({
          error: { code: 'rate-limited' },
        });
      } finally {
        await limited.close();
      }
    });
  });

  describe('the development key pair', () => {
    it('signs with the key whose public half the desktop app trusts in resources/', async () => {
      const os = await import('node:os');
      const path = await import('node:path');
      const { defaultServerConfig, loadServerConfig } = await import('../../src-server/config');
      const { startLicenseServer } = await import('../../src-server/server');
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-key-'));
      const defaults = defaultServerConfig();
      // The default development key and published public key; only the database and outbox are temporary.
      const dev = await startLicenseServer(
        loadServerConfig({}, { port: 0, dbPath: path.join(dir, 'db.sqlite'), outboxPath: path.join(dir, 'outbox') }),
      );
      try {
        expect(defaults.publishPublicKeyTo).toBe(path.resolve(__dirname, '../../resources/license-public-key.pem'));
        const license = (await issueLicense(dev.ctx, { product: 'sakura-kaikei', edition: 'package' })).license;
        const response = await serviceClient(dev.url).post('/v1/activations', body(license.number, deviceId('dev-key')));
        const trusted = loadPublicKey(fs.readFileSync(path.resolve(__dirname, '../../resources/license-public-key.pem'), 'utf8'));
        expect(verifySignedLicense(response.body.license, trusted).ok).toBe(true);
        const tampered = { ...response.body.license, payload: response.body.license.payload.replace('"active"', '"revoked"') };
        expect(verifySignedLicense(tampered, trusted).ok).toBe(false);
      } finally {
        await dev.close();
      }
    });
  });
});
