import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LicenseResponseSchema } from '../../src-shared/contracts/http';
import { LicensePayloadSchema } from '../../src-shared/contracts/signed-license';
import { addDays, jstDateOf } from '../../src-shared/licensing';
import { moveDemoClock } from '../../src-server/clock';
import { defaultServerConfig } from '../../src-server/config';
import { issueLicense } from '../../src-server/licenses/license-issuer';
import { deviceId, serviceClient } from '../fixtures/service-client';
import { startTestServer } from '../fixtures/license-server';
import { testStores } from './helpers/test-stores';

// Validation workers (docs/decisions.md): a service with config.validationWorkers answers POST /v1/validations on
// other threads, each with its own connection to the same store. Everything a validation does must hold there: the
// signature, every refusal code, the renewal notice written by this process, automatic renewal, the demo clock,
// and a worker that dies.
const DAY_MS = 86_400_000;
let server: Awaited<ReturnType<typeof startTestServer>>;

describe.each(testStores())('on %s', (store) => {
  beforeAll(async () => {
    server = await startTestServer({ store, validationWorkers: 2 });
  });
  afterAll(() => server.close());

  const today = () => jstDateOf(new Date().toISOString());
  const api = () => serviceClient(server.url);
  const validate = (number: string, device: string, product = 'sakura-kaikei') =>
    api().post('/v1/validations', { licenseNumber: number, product, device, appVersion: '1.0.0' });
  const issued = async (input: { product?: string; end?: string; device?: string } = {}) => {
    const device = input.device ?? deviceId(crypto.randomUUID());
    const { license } = await issueLicense(server.ctx, {
      product: input.product ?? 'sakura-kaikei',
      edition: 'download',
      start: addDays(today(), -300),
      end: input.end ?? addDays(today(), 60),
      device,
    });
    return { ...license, device };
  };

  it('runs the workers it was configured with', () => {
    expect(server.validationWorkers?.threads).toHaveLength(2);
  });

  it('answers with a license signed by the service key, for this device, as the service process would', async () => {
    const license = await issued();
    const before = server.validationWorkers!.answered;
    const answer = await validate(license.number, license.device);
    expect(answer.status).toBe(200);
    // A worker answered it, not the service's own thread.
    expect(server.validationWorkers!.answered).toBe(before + 1);
    const { payload, signature } = answer.body.license as { payload: string; signature: string };
    const publicKey = fs.readFileSync(server.publicKeyPath, 'utf8');
    expect(crypto.verify(null, Buffer.from(payload), publicKey, Buffer.from(signature, 'base64'))).toBe(true);
    const parsed = LicensePayloadSchema.parse(JSON.parse(payload));
    expect(parsed).toMatchObject({ licenseNumber: license.number, device: license.device, term: { end: license.termEnd } });
    expect(answer.body.renewal).toBeNull();
    // The lease comes from the worker's own copy of the configuration, and its clock is the real one.
    expect(Date.parse(parsed.leaseUntil) - Date.parse(parsed.issuedAt)).toBe(server.ctx.config.leaseDays * DAY_MS);
    expect(Math.abs(Date.parse(answer.body.serverTime as string) - Date.now())).toBeLessThan(60_000);
  });

  it('sends the JSON text the worker checked against the shared schema, with the JSON content type', async () => {
    const license = await issued();
    const response = await fetch(`${server.url}/v1/validations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        licenseNumber: license.number,
        product: 'sakura-kaikei',
        device: license.device,
        appVersion: '1.0.0',
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const text = await response.text();
    // Exactly the schema's shape, written once: no field beside it, not a JSON string holding JSON.
    expect(JSON.stringify(LicenseResponseSchema.parse(JSON.parse(text)))).toBe(text);
  });

  it('keeps every refusal code and status across the thread', async () => {
    const license = await issued();
    expect(await validate('0000-0000-0000-0000', license.device)).toMatchObject({
      status: 404,
      body: { error: { code: 'unknown-license' } },
    });
    expect(await validate(license.number, deviceId('someone else'))).toMatchObject({
      status: 409,
      body: { error: { code: 'moved' } },
    });
    expect(await validate(license.number, license.device, 'sakura-suitocho')).toMatchObject({
      status: 409,
      body: { error: { code: 'product-mismatch' } },
    });
    // A bad body is refused by this process's schema before any worker sees it.
    expect(await api().post('/v1/validations', { licenseNumber: license.number })).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid-request' } },
    });
  });

  it('sees what the service process wrote: a placed bank-transfer order is reported', async () => {
    const license = await issued();
    const quote = await api().post('/v1/quotes', {
      licenseNumber: license.number,
      device: license.device,
      months: 12,
      options: ['bank-import', 'e-filing'],
    });
    expect(quote).toMatchObject({ status: 201 });
    const order = await api().post(
      '/v1/orders',
      { licenseNumber: license.number, device: license.device, quoteId: quote.body.quote.id, method: 'bank-transfer' },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(order.status).toBe(201);
    const answer = await validate(license.number, license.device);
    expect(answer.body.renewal).toMatchObject({ orderId: order.body.order.id, state: 'pending', method: 'bank-transfer' });
  });

  it('renews an auto-renewing license inside its window, once, and the service process sees the order', async () => {
    const license = await issued({ product: 'menzei-terminal', end: addDays(today(), 20) });
    const first = await validate(license.number, license.device, 'menzei-terminal');
    expect(first.status).toBe(200);
    const extended = LicensePayloadSchema.parse(JSON.parse(first.body.license.payload as string)).term.end;
    expect(extended > license.termEnd).toBe(true);
    await validate(license.number, license.device, 'menzei-terminal');
    expect((await server.ctx.licenses.findById(license.id))?.termEnd).toBe(extended);
    const automatic = (await server.ctx.orders.forLicense(license.id)).filter((o) => o.idempotencyKey.startsWith('auto:'));
    expect(automatic).toHaveLength(1);
  });

  it('replaces a worker that dies; validations keep being answered meanwhile', async () => {
    const license = await issued();
    const pool = server.validationWorkers!;
    const [lost] = pool.threads;
    await lost!.terminate();
    expect(pool.threads).toHaveLength(1);
    for (let i = 0; i < 5; i++) expect((await validate(license.number, license.device)).status).toBe(200);
    await expect.poll(() => pool.threads.length, { timeout: 15_000, interval: 100 }).toBe(2);
    await Promise.all(pool.threads.map((thread) => thread.terminate()));
    // With no worker at all, this process answers until the replacements are up.
    const answeredByWorkers = pool.answered;
    expect((await validate(license.number, license.device)).status).toBe(200);
    expect(pool.answered).toBe(answeredByWorkers);
    await expect.poll(() => pool.threads.length, { timeout: 15_000, interval: 100 }).toBe(2);
    expect((await validate(license.number, license.device)).status).toBe(200);
    expect(pool.answered).toBe(answeredByWorkers + 1);
  });

  it('answers every request a dying worker held: the answer it sent, or 500 internal, never a hang', async () => {
    const license = await issued();
    const pool = server.validationWorkers!;
    const requests = Array.from({ length: 40 }, () => validate(license.number, license.device));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await Promise.all(pool.threads.map((thread) => thread.terminate()));
    const answers = await Promise.all(requests);
    for (const answer of answers)
      if (answer.status !== 200) expect(answer).toMatchObject({ status: 500, body: { error: { code: 'internal' } } });
    await expect.poll(() => pool.threads.length, { timeout: 15_000, interval: 100 }).toBe(2);
  });
});

describe('a demo service with validation workers', () => {
  it('answers with the demo clock the admin CLI moved, read by the worker before each validation', async () => {
    const demo = await startTestServer({ validationWorkers: 1, demo: true });
    try {
      const device = deviceId('demo');
      const { license } = await issueLicense(demo.ctx, { product: 'sakura-kaikei', edition: 'download', device });
      const body = { licenseNumber: license.number, product: 'sakura-kaikei', device, appVersion: '1.0.0' };
      await moveDemoClock(demo.ctx.store.session, 30 * DAY_MS);
      const answer = await serviceClient(demo.url).post('/v1/validations', body);
      expect(answer.status).toBe(200);
      expect(Date.parse(answer.body.serverTime as string) - Date.now()).toBeGreaterThan(29 * DAY_MS);
    } finally {
      await demo.close();
    }
  });
});

describe('a validation worker that cannot start again', () => {
  it('is tried again until one starts, while this process answers the validations', async () => {
    // The worker's own service context reads the catalog file when it starts: without it, a replacement cannot start.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'worker-retry-'));
    const catalog = path.join(dir, 'catalog.json');
    fs.copyFileSync(defaultServerConfig().catalogPath, catalog);
    const service = await startTestServer({ validationWorkers: 1, catalogPath: catalog });
    try {
      const pool = service.validationWorkers!;
      const errors: string[] = [];
      pool.reportTo({ error: (_fields, message) => void errors.push(message) });
      const device = deviceId('retry');
      const { license } = await issueLicense(service.ctx, { product: 'sakura-kaikei', edition: 'download', device });
      const validate = () =>
        serviceClient(service.url).post('/v1/validations', {
          licenseNumber: license.number,
          product: 'sakura-kaikei',
          device,
          appVersion: '1.0.0',
        });

      fs.renameSync(catalog, `${catalog}.away`);
      await pool.threads[0]!.terminate();
      await expect
        .poll(() => errors.filter((message) => /could not be restarted/.test(message)).length, { timeout: 15_000, interval: 50 })
        .toBeGreaterThan(0);
      expect(pool.threads).toHaveLength(0);
      const answeredByWorkers = pool.answered;
      expect((await validate()).status).toBe(200);
      expect(pool.answered).toBe(answeredByWorkers);

      fs.renameSync(`${catalog}.away`, catalog);
      await expect.poll(() => pool.threads.length, { timeout: 15_000, interval: 50 }).toBe(1);
      expect((await validate()).status).toBe(200);
      expect(pool.answered).toBe(answeredByWorkers + 1);
    } finally {
      await service.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('closing a service with validation workers', () => {
  it('ends its worker threads', async () => {
    const service = await startTestServer({ validationWorkers: 2 });
    const threads = [...service.validationWorkers!.threads];
    const exited = threads.map((thread) => new Promise((resolve) => thread.once('exit', resolve)));
    await service.close();
    await expect(Promise.all(exited)).resolves.toHaveLength(2);
  });
});

describe('a service with an injected clock', () => {
  it('refuses to start validation workers, which could not share that clock', async () => {
    await expect(startTestServer({ clock: () => new Date(), validationWorkers: 1 })).rejects.toThrow(/clock is injected/);
  });
});
