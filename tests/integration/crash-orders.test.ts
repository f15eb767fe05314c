import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, jstDateOf } from '../../src-shared/licensing';
import { issueLicense } from '../../src-server/licenses/license-issuer';
import { createQuote } from '../../src-server/renewals/quote-service';
import { SANDBOX_CARDS } from '../../src-server/renewals/sandbox-card';
import { createContext } from '../../src-server/create-context';
import { type ServiceContext } from '../../src-server/service-context';
import { SqliteStore } from '../../src-server/store/sqlite/sqlite-store';
import { freshPostgresDatabase, testStores } from './helpers/test-stores';
import { serviceConfig, serviceDir, type ServiceProcess, startServiceProcess } from './helpers/service-process';

// kill -9 of the service while orders are in flight, then the clients retry with the same Idempotency-Keys against
// the restarted service: every order exists exactly once, a card is charged at most once, the term is extended
// exactly once per paid order, and the ledger matches. 20 crashes in the normal suite; for the long run:
//   npm run test:crash          (CRASH_RUNS=100)
const RUNS = Number(process.env.CRASH_RUNS ?? 20);
const ORDERS_PER_RUN = 12;

let dir: string;
let ctx: ServiceContext;
let service: ServiceProcess;
/** The environment that points the service at the store under test (PostgreSQL: its database URL). */
let storeEnv: Record<string, string> = {};

type Attempt = {
  licenseId: string;
  number: string;
  device: string;
  quoteId: string;
  key: string;
  method: string;
  endBefore: string;
};

const send = (url: string, a: Attempt) =>
  fetch(`${url}/v1/orders`, {
    method: 'POST',
    // A request cut off by the kill must settle, never hang the test (it counts as cut off).
    signal: AbortSignal.timeout(10_000),
    headers: { 'content-type': 'application/json', 'idempotency-key': a.key },
    body: JSON.stringify({
      licenseNumber: a.number,
      device: a.device,
      quoteId: a.quoteId,
      method: a.method,
      ...(a.method === 'card' ? { card: { number: SANDBOX_CARDS.succeeds, expiry: '12/39' } } : {}),
    }),
  });

async function prepare(run: number): Promise<Attempt[]> {
  const nowIso = new Date().toISOString();
  const today = jstDateOf(nowIso);
  const attempts: Attempt[] = [];
  for (let i = 0; i < ORDERS_PER_RUN; i++) {
    const { license } = await issueLicense(ctx, {
      product: 'sakura-kaikei',
      edition: 'download',
      start: addDays(today, -300),
      end: addDays(today, 30),
    });
    const device = crypto.createHash('sha256').update(`crash:${run}:${i}:${license.id}`).digest('hex');
    await ctx.licenses.bindDevice(license.id, device, '1.0.0', nowIso);
    const quote = await createQuote(ctx, (await ctx.licenses.findById(license.id))!, 12, ['bank-import', 'e-filing']);
    attempts.push({
      licenseId: license.id,
      number: license.number,
      device,
      quoteId: quote.id,
      key: crypto.randomUUID(),
      method: i % 3 === 2 ? 'bank-transfer' : 'card',
      endBefore: license.termEnd,
    });
  }
  return attempts;
}

describe.each(testStores())('kill -9 during orders on the %s store (one transaction per order)', (store) => {
  beforeAll(async () => {
    dir = serviceDir('crash-orders-');
    storeEnv = store === 'postgres' ? { LICENSE_SERVICE_DATABASE_URL: await freshPostgresDatabase() } : {};
    ctx = await createContext(serviceConfig(dir, storeEnv));
    service = await startServiceProcess(dir, storeEnv);
  }, 60_000);

  afterAll(async () => {
    await service.stop();
    await ctx.store.close();
  });

  it(
    `${RUNS} crashes: after the retries, every order exactly once and every charge at most once`,
    async () => {
      let crashedMidway = 0;
      for (let run = 0; run < RUNS; run++) {
        const attempts = await prepare(run);
        // Each order sent twice at once (a client retry racing the first try), then the process dies mid-flight.
        const inFlight = attempts.flatMap((a) =>
          [send(service.url, a), send(service.url, a)].map((p) =>
            p.then(
              (r) => r.status,
              () => 0,
            ),
          ),
        );
        await new Promise((resolve) => setTimeout(resolve, crypto.randomInt(2, 25)));
        await service.kill();
        const statuses = await Promise.all(inFlight);
        if (statuses.some((s) => s === 0)) crashedMidway += 1;
        expect(statuses.filter((s) => s >= 500)).toEqual([]);

        service = await startServiceProcess(dir, storeEnv);
        const retries = await Promise.all(attempts.map((a) => send(service.url, a)));
        expect(retries.map((r) => r.status)).toEqual(attempts.map(() => 201));

        for (const a of attempts) {
          const orders = await ctx.orders.forLicense(a.licenseId);
          expect(orders).toHaveLength(1);
          const [order] = orders;
          const ledger = await ctx.orders.paymentsFor(order!.id);
          const license = (await ctx.licenses.findById(a.licenseId))!;
          if (a.method === 'card') {
            expect(order!.state).toBe('paid');
            expect(ledger.map((p) => [p.outcome, p.amountYen])).toEqual([['succeeded', order!.amountYen]]);
            expect(order!.receivedYen).toBe(order!.amountYen);
            // Extended exactly once: to the end of the term the order bought, not a second year on top.
            expect(license.termEnd).toBe(order!.termEnd);
            expect(license.termEnd > a.endBefore).toBe(true);
          } else {
            expect(order!.state).toBe('pending');
            expect(ledger).toEqual([]);
            expect(license.termEnd).toBe(a.endBefore);
          }
        }
      }
      if (ctx.store instanceof SqliteStore) expect(ctx.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      // The point is crashing with work in flight; most runs must have cut some request off.
      expect(crashedMidway).toBeGreaterThan(RUNS / 2);
    },
    30_000 + RUNS * 8_000,
  );
});
