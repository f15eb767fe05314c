import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, jstDateOf } from '../../src-shared/licensing';
import { issueLicense } from '../../src-server/licenses/license-issuer';
import { SANDBOX_CARDS } from '../../src-server/renewals/sandbox-card';
import { createContext } from '../../src-server/create-context';
import { type ServiceContext } from '../../src-server/service-context';
import { freshPostgresDatabase, testStores } from './helpers/test-stores';
import { adminCli, serviceConfig, serviceDir, type ServiceProcess, startServiceProcess } from './helpers/service-process';

// Issue 10 §1 and §5: two service processes on one store — one SQLite file (every write transaction begins
// IMMEDIATE and waits for the others), or one PostgreSQL database (SERIALIZABLE, retried on a serialization
// failure) — the admin CLI writing beside them in a tight loop, and 200 concurrent order requests split across both
// processes; then 50 concurrent orders for one quote, same key and different keys, split across both.
const LICENSES = 100;

let dir: string;
let ctx: ServiceContext;
let services: ServiceProcess[] = [];
/** The environment that points a process at the store under test (PostgreSQL: its database URL). */
let storeEnv: Record<string, string> = {};

const post = async (url: string, route: string, body: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(`${url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe.each(testStores())('two service processes on one %s store', (store) => {
  beforeAll(async () => {
    dir = serviceDir('concurrent-writers-');
    storeEnv = store === 'postgres' ? { LICENSE_SERVICE_DATABASE_URL: await freshPostgresDatabase() } : {};
    // Creates the database and the signing key before the processes start.
    ctx = await createContext(serviceConfig(dir, storeEnv));
    services = await Promise.all([startServiceProcess(dir, storeEnv), startServiceProcess(dir, storeEnv)]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await ctx.store.close();
  });

  it('200 concurrent orders on two processes beside the admin CLI: no 5xx, every order exactly once', async () => {
    const nowIso = new Date().toISOString();
    const today = jstDateOf(nowIso);
    const held = await Promise.all(
      Array.from({ length: LICENSES }, async (_, i) => {
        // Inside the renewal window (it opens two months before the end), so each can be quoted and ordered.
        const { license } = await issueLicense(ctx, {
          product: 'sakura-kaikei',
          edition: 'download',
          start: addDays(today, -300),
          end: addDays(today, 40),
        });
        const device = crypto.createHash('sha256').update(`concurrent:${i}:${license.id}`).digest('hex');
        await ctx.licenses.bindDevice(license.id, device, '1.0.0', nowIso);
        return { license, device, method: i % 2 === 0 ? 'card' : 'bank-transfer', key: crypto.randomUUID() };
      }),
    );
    const quotes = await Promise.all(
      held.map((h, i) =>
        post(services[i % 2]!.url, '/v1/quotes', {
          licenseNumber: h.license.number,
          device: h.device,
          months: 12,
          options: ['bank-import', 'e-filing'],
        }),
      ),
    );
    expect(quotes.map((q) => q.status)).toEqual(held.map(() => 201));

    // The vendor's desk writes beside the service the whole time.
    let writing = true;
    const adminRuns: { code: number; stderr: string }[] = [];
    const adminLoop = (async () => {
      while (writing) {
        adminRuns.push(
          await adminCli(dir, ['issue', '--product', 'sakura-kaikei', '--edition', 'package', '--months', '12'], storeEnv),
        );
      }
    })();
    // Let the first CLI process get going so the orders meet it.
    await new Promise((resolve) => setTimeout(resolve, 800));

    // Each order twice with the same Idempotency-Key, once to each process, all at the same time.
    const answers = await Promise.all(
      held.flatMap((h, i) =>
        services.map((service) =>
          post(
            service.url,
            '/v1/orders',
            {
              licenseNumber: h.license.number,
              device: h.device,
              quoteId: (quotes[i]!.body.quote as { id: string }).id,
              method: h.method,
              ...(h.method === 'card' ? { card: { number: SANDBOX_CARDS.succeeds, expiry: '12/39' } } : {}),
            },
            { 'idempotency-key': h.key },
          ),
        ),
      ),
    );
    writing = false;
    await adminLoop;

    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    expect(adminRuns.length).toBeGreaterThan(0);
    expect(adminRuns.filter((r) => r.code !== 0)).toEqual([]);
    for (const h of held) {
      const orders = await ctx.orders.forLicense(h.license.id);
      expect(orders).toHaveLength(1);
      expect(orders[0]!.state).toBe(h.method === 'card' ? 'paid' : 'pending');
      const charges = (await ctx.orders.paymentsFor(orders[0]!.id)).filter((p) => p.outcome === 'succeeded');
      expect(charges).toHaveLength(h.method === 'card' ? 1 : 0);
    }
    // Both answers to one key describe the same order.
    for (let i = 0; i < held.length; i++) {
      const [a, b] = [answers[2 * i]!.body.order as { id: string }, answers[2 * i + 1]!.body.order as { id: string }];
      expect(a.id).toBe(b.id);
    }
  }, 120_000);

  it('50 concurrent orders for one quote, same key and different keys, across both processes: one order, one charge', async () => {
    const nowIso = new Date().toISOString();
    const today = jstDateOf(nowIso);
    const { license } = await issueLicense(ctx, {
      product: 'sakura-kaikei',
      edition: 'download',
      start: addDays(today, -300),
      end: addDays(today, 40),
    });
    const device = crypto.createHash('sha256').update(`fifty:${license.id}`).digest('hex');
    await ctx.licenses.bindDevice(license.id, device, '1.0.0', nowIso);
    const quoted = await post(services[0]!.url, '/v1/quotes', {
      licenseNumber: license.number,
      device,
      months: 12,
      options: ['bank-import', 'e-filing'],
    });
    expect(quoted.status).toBe(201);
    const sharedKey = crypto.randomUUID();
    // Even requests share one Idempotency-Key, odd ones each have their own; they alternate between the processes.
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post(
          services[i % 2]!.url,
          '/v1/orders',
          {
            licenseNumber: license.number,
            device,
            quoteId: (quoted.body.quote as { id: string }).id,
            method: 'card',
            card: { number: SANDBOX_CARDS.succeeds, expiry: '12/39' },
          },
          { 'idempotency-key': i % 2 === 0 ? sharedKey : crypto.randomUUID() },
        ),
      ),
    );
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    // The winner's answers are 201 (the same order, replayed); every other key is told the quote is taken.
    expect(answers.filter((a) => a.status !== 201 && a.status !== 409)).toEqual([]);
    const orders = await ctx.orders.forLicense(license.id);
    expect(orders).toHaveLength(1);
    expect(orders[0]!.state).toBe('paid');
    const placed = answers.filter((a) => a.status === 201).map((a) => (a.body.order as { id: string }).id);
    expect(placed.length).toBeGreaterThan(0);
    expect(new Set(placed)).toEqual(new Set([orders[0]!.id]));
    if (orders[0]!.idempotencyKey === sharedKey) expect(placed).toHaveLength(25);
    const charges = (await ctx.orders.paymentsFor(orders[0]!.id)).filter((p) => p.outcome === 'succeeded');
    expect(charges).toHaveLength(1);
    // The term was extended once: to the end of the term the order bought.
    expect((await ctx.licenses.findById(license.id))!.termEnd).toBe(orders[0]!.termEnd);
  }, 60_000);
});
