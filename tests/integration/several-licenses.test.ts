import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LicenseResponseSchema, QuoteResponseSchema } from '../../src-shared/contracts/http';
import { LicensePayloadSchema } from '../../src-shared/contracts/signed-license';
import { seedDemo } from '../../src-server/cli/demo-seed';
import { issueLicense } from '../../src-server/licenses/license-issuer';
import { readOutbox } from '../../src-server/mail/outbox-transport';
import { sendDueReminders } from '../../src-server/renewals/reminders';
import { SANDBOX_CARDS } from '../../src-server/renewals/sandbox-card';
import { confirmTransfer } from '../../src-server/renewals/transfer-confirmation';
import { encodeLicenseToken } from '../../src-server/updates/license-token';
import { startTestServer } from '../fixtures/license-server';
import { deviceId, manualClock, serviceClient } from '../fixtures/service-client';
import { testStores } from './helpers/test-stores';

// Seed 003, one customer's several licenses on the service (issue 11): the signed support state, the update gate,
// renewing them together with one order and one payment, and the reminders to the license administrator.

const clock = manualClock('2026-12-20T01:00:00Z');
let server: Awaited<ReturnType<typeof startTestServer>>;
let api: ReturnType<typeof serviceClient>;
let keyCounter = 0;

type Held = { id: string; number: string; device: string; last: string };

describe.each(testStores())('on %s', (store) => {
  beforeAll(async () => {
    server = await startTestServer({ store, clock: clock.now });
    api = serviceClient(server.url);
    fs.mkdirSync(server.ctx.config.releasesPath, { recursive: true });
    fs.writeFileSync(path.join(server.ctx.config.releasesPath, 'Setup-1.1.0.exe'), 'x');
    fs.writeFileSync(
      path.join(server.ctx.config.releasesPath, 'latest.yml'),
      "version: 1.1.0\nfiles:\n  - url: Setup-1.1.0.exe\n    sha512: eA==\n    size: 1\npath: Setup-1.1.0.exe\nsha512: eA==\nreleaseDate: '2026-12-01T03:00:00.000Z'\n",
    );
  });
  afterAll(() => server.close());
  beforeEach(() => clock.set('2026-12-20T01:00:00Z'));

  /** A customer with a model-studio license per term (seed 003's product: perpetual, month-end basis), each activated. */
  async function customerWith(terms: { start: string; end: string }[], administrator?: string): Promise<Held[]> {
    const customer = await server.ctx.customers.create({ name: '株式会社テスト設計' }, clock.now().toISOString());
    if (administrator) await server.ctx.customers.setAdministratorEmail(customer.id, administrator);
    const held: Held[] = [];
    for (const term of terms) {
      const { license } = await issueLicense(server.ctx, {
        product: 'model-studio',
        edition: 'download',
        ...term,
        customerId: customer.id,
      });
      const device = deviceId(license.id);
      await server.ctx.licenses.bindDevice(license.id, device, '1.0.0', clock.now().toISOString());
      held.push({ id: license.id, number: license.number, device, last: license.number.slice(-4) });
    }
    return held;
  }

  const ref = (l: Held) => ({ licenseNumber: l.number, device: l.device });
  async function validate(l: Held) {
    const response = await api.post('/v1/validations', { ...ref(l), product: 'model-studio', appVersion: '1.0.0' });
    expect(response.status).toBe(200);
    const signed = LicenseResponseSchema.parse(response.body).license;
    return { payload: LicensePayloadSchema.parse(JSON.parse(signed.payload)), signed };
  }
  const quoteTogether = (l: Held, together: 'latest-end' | 'months' = 'latest-end', months = 12) =>
    api.post('/v1/quotes', { ...ref(l), months, options: [], together });
  const order = (l: Held, quoteId: string, extra: Record<string, unknown>, key = `several-${++keyCounter}`) =>
    api.post('/v1/orders', { ...ref(l), quoteId, ...extra }, { 'idempotency-key': key });
  const card = (number: string = SANDBOX_CARDS.succeeds) => ({ method: 'card', card: { number, expiry: '12/29' } });
  const terms = async (held: Held[]) =>
    Promise.all(
      held
        .map(async (l) => (await server.ctx.licenses.findById(l.id))!)
        .map(async (l) => `${(await l).termStart}..${(await l).termEnd}`),
    );
  const download = (token: string) => fetch(`${server.url}/updates/latest.yml`, { headers: { 'x-license-token': token } });

  const THREE = [
    { start: '2026-01-01', end: '2026-12-31' },
    { start: '2026-04-01', end: '2027-03-31' },
    { start: '2026-07-01', end: '2027-06-30' },
  ];

  it('signs active for all while every term runs; a single license carries no support field', async () => {
    const [a, b, c] = await customerWith(THREE);
    for (const l of [a!, b!, c!]) expect((await validate(l)).payload.support).toEqual({ state: 'active' });
    const [alone] = await customerWith([THREE[0]!]);
    expect((await validate(alone!)).payload).not.toHaveProperty('support');
  });

  it('first end suspends the others; renewing all together lifts it with one order, one charge, all or nothing', async () => {
    const held = await customerWith(THREE);
    const [a, b, c] = held as [Held, Held, Held];
    clock.set('2027-01-05T01:00:00Z');
    const cause = { licenseNumberLast: a.last, product: 'model-studio', endedOn: '2026-12-31', suspendedFrom: '2027-01-01' };
    expect((await validate(b)).payload.support).toEqual({ state: 'suspended', cause });
    expect((await validate(c)).payload.support).toEqual({ state: 'suspended', cause });
    expect((await validate(a)).payload.support).toEqual({ state: 'ended-continues' });

    // The update feed refuses the suspended license.
    const gate = await download(encodeLicenseToken((await validate(b)).signed));
    expect(gate.status).toBe(403);
    expect(((await gate.json()) as { error: { code: string } }).error.code).toBe('support-suspended');

    const quoted = await quoteTogether(b);
    expect(quoted.status).toBe(201);
    const quote = QuoteResponseSchema.parse(quoted.body).quote;
    expect(quote.coTerm).toMatchObject({ target: 'latest-end', commonEnd: '2027-06-30' });
    expect(quote.coTerm!.licenses.map((l) => [l.licenseNumberLast, l.thisDevice, l.renewal, l.months, l.amountYen])).toEqual([
      [b.last, true, 'continuous', 3, 20000],
      [a.last, false, 'resumption', 6, 40000],
      [c.last, false, 'none', 0, 0],
    ]);
    expect(quote).toMatchObject({ planKind: 'continuous', months: 3, term: { start: '2027-04-01', end: '2027-06-30' } });
    expect(quote).toMatchObject({ subtotalYen: 60000, taxYen: 6000, totalYen: 66000 });
    expect(quote.lines[0]!.label).toMatch(
      new RegExp(`^\\*{4}-\\*{4}-\\*{4}-${b.last.replace(/[$*]/g, '\\$&')} モデルスタジオ Pro: `),
    );
    expect(quote.paymentMethods.map((m) => m.code)).toEqual(['card', 'bank-transfer']);

    // A declined card changes no license and charges nothing.
    const before = await terms(held);
    const declined = await order(b, quote.id, card(SANDBOX_CARDS.declined));
    expect(declined.status).toBe(402);
    expect(await terms(held)).toEqual(before);

    const key = `several-paid-${++keyCounter}`;
    const paid = await order(b, quote.id, card(), key);
    expect(paid.status).toBe(201);
    expect(paid.body.order).toMatchObject({ state: 'paid', amountYen: 66000, term: { start: '2027-04-01', end: '2027-06-30' } });
    const signedBack = LicensePayloadSchema.parse(JSON.parse(paid.body.license.payload as string));
    expect(signedBack.support).toEqual({ state: 'active' });
    expect(await terms(held)).toEqual(['2027-01-05..2027-06-30', '2026-04-01..2027-06-30', '2026-07-01..2027-06-30']);
    for (const l of held) {
      const { payload } = await validate(l);
      expect(payload.support).toEqual({ state: 'active' });
      expect(payload.term.end).toBe('2027-06-30');
    }
    const payments = await server.ctx.orders.paymentsFor(paid.body.order.id as string);
    expect(payments.map((p) => [p.outcome, p.amountYen])).toEqual([['succeeded', 66000]]);

    // The retry with the same key gets the first answer and charges nothing more.
    const retry = await order(b, quote.id, card(), key);
    expect(retry.status).toBe(201);
    expect(retry.body.order.id).toBe(paid.body.order.id);
    expect(retry.body.license).toEqual(paid.body.license);
    expect((await server.ctx.orders.paymentsFor(paid.body.order.id as string)).length).toBe(1);
    expect(await terms(held)).toEqual(['2027-01-05..2027-06-30', '2026-04-01..2027-06-30', '2026-07-01..2027-06-30']);
    expect(
      (await server.ctx.orders.list()).filter((o) => held.some((l) => l.id === o.licenseId) && o.state === 'paid'),
    ).toHaveLength(1);
  });

  it('a license that changed since the quote makes the order refused and moves no license', async () => {
    const held = await customerWith(THREE);
    const [a, b] = held as [Held, Held, Held];
    clock.set('2027-01-05T01:00:00Z');
    const quote = QuoteResponseSchema.parse((await quoteTogether(b)).body).quote;
    // Someone moved A's term behind the quote's back (e.g. the desk): the whole order must refuse.
    const aRow = (await server.ctx.licenses.findById(a.id))!;
    await server.ctx.licenses.setTerm(a.id, { start: aRow.termStart, end: '2027-01-31' }, [], clock.now().toISOString());
    const before = await terms(held);
    const refused = await order(b, quote.id, card());
    expect(refused.status).toBe(410);
    expect(refused.body.error.code).toBe('quote-expired');
    expect(await terms(held)).toEqual(before);
  });

  it('by bank transfer: pending blocks every covered license and opens its updates; the confirmed transfer moves them all', async () => {
    const held = await customerWith(THREE.slice(0, 2));
    const [a, b] = held as [Held, Held];
    clock.set('2027-01-05T01:00:00Z');
    const quote = QuoteResponseSchema.parse((await quoteTogether(b, 'months', 12)).body).quote;
    // To where the latest-ending license (B, 2027-03-31) reaches with 12 more months.
    expect(quote.coTerm!.commonEnd).toBe('2028-03-31');
    const aToken = encodeLicenseToken((await validate(a)).signed);
    expect((await download(aToken)).status).toBe(403);
    const placed = await order(b, quote.id, { method: 'bank-transfer' });
    expect(placed.status).toBe(201);
    expect(placed.body.order.state).toBe('pending');
    // The other license of the order is blocked too (SPEC §6: a previous renewal unpaid).
    const single = await api.post('/v1/quotes', { ...ref(a), months: 12, options: [] });
    expect(single.body.error.code).toBe('previous-renewal-unpaid');
    // A placed renewal opens updates (SPEC §6) for every license it renews, not only the one it was placed from;
    // a suspended one stays refused until the payment lifts the suspension.
    expect((await download(aToken)).status).toBe(200);
    const bGate = await download(encodeLicenseToken((await validate(b)).signed));
    expect(((await bGate.json()) as { error: { code: string } }).error.code).toBe('support-suspended');
    clock.set('2027-01-08T01:00:00Z');
    const confirmed = await confirmTransfer(server.ctx, placed.body.order.id as string, quote.totalYen, '2027-01-07');
    expect(confirmed.outcome).toBe('paid');
    expect(await terms(held)).toEqual(['2027-01-07..2028-03-31', '2026-04-01..2028-03-31']);
    for (const l of held) expect((await validate(l)).payload.support).toEqual({ state: 'active' });
  });

  it('a transfer for a co-terming order that can no longer move every license goes to support and moves none', async () => {
    const held = await customerWith(THREE);
    const [a, b, c] = held as [Held, Held, Held];
    clock.set('2027-01-05T01:00:00Z');
    const quote = QuoteResponseSchema.parse((await quoteTogether(a, 'months', 12)).body).quote;
    const placed = await order(a, quote.id, { method: 'bank-transfer' });
    expect(placed.status).toBe(201);
    // The desk moves the last license of the order by hand before the money arrives.
    const cRow = (await server.ctx.licenses.findById(c.id))!;
    await server.ctx.licenses.setTerm(c.id, { start: cRow.termStart, end: '2027-09-30' }, [], clock.now().toISOString());
    const before = await terms(held);
    const confirmed = await confirmTransfer(server.ctx, placed.body.order.id as string, quote.totalYen, '2027-01-05');
    expect(confirmed.outcome).toBe('needs-support');
    expect(confirmed.reason).toContain(c.number);
    expect(await terms(held)).toEqual(before);
    expect((await validate(b)).payload.support?.state).toBe('suspended');
  });

  it('renewing one alone after the other ended stops the other (ended-stopped, cause), and the gate refuses it', async () => {
    const [d, e] = (await customerWith(THREE.slice(0, 2))) as [Held, Held];
    clock.set('2027-02-10T01:00:00Z');
    expect((await validate(e)).payload.support?.state).toBe('suspended');
    const quote = await api.post('/v1/quotes', { ...ref(e), months: 12, options: ['simulation-addin'] });
    expect(quote.status).toBe(201);
    expect((await order(e, quote.body.quote.id as string, card())).status).toBe(201);
    const { payload, signed } = await validate(d);
    expect(payload.support).toEqual({
      state: 'ended-stopped',
      cause: { licenseNumberLast: e.last, product: 'model-studio', renewedOn: '2027-02-10' },
    });
    expect((await validate(e)).payload.support).toEqual({ state: 'active' });
    const gate = await download(encodeLicenseToken(signed));
    expect(gate.status).toBe(403);
  });

  it('refuses to renew together a license alone in its line', async () => {
    const [alone] = await customerWith([THREE[1]!]);
    const response = await quoteTogether(alone!);
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('co-term-not-offered');
  });

  it('sends the reminder to the license administrator and mentions renewing together', async () => {
    const held = await customerWith(
      [
        { start: '2026-04-01', end: '2027-03-31' },
        { start: '2026-07-01', end: '2027-06-30' },
      ],
      'kanri@example.jp',
    );
    clock.set('2027-02-01T01:00:00Z');
    await sendDueReminders(server.ctx);
    const mails = readOutbox(server.ctx.config.outboxPath).filter((m) => m.to === 'kanri@example.jp');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(held[0]!.last);
    expect(mails[0]!.text).toContain('まとめて更新できます');
  });

  it('sends a registered package user the reminder too, once per address', async () => {
    const customer = await server.ctx.customers.create(
      { name: '株式会社二重宛先', email: 'office@example.jp' },
      clock.now().toISOString(),
    );
    await server.ctx.customers.setAdministratorEmail(customer.id, 'kanri2@example.jp');
    const issue = async (registeredAs: string | null) => {
      const { license } = await issueLicense(server.ctx, {
        product: 'sakura-kaikei',
        edition: 'package',
        start: '2026-02-01',
        end: '2027-01-31',
        customerId: customer.id,
      });
      if (registeredAs) await server.ctx.licenses.register(license.id, '山田 太郎', registeredAs, clock.now().toISOString());
      return license;
    };
    const registered = await issue('user2@example.jp');
    const sameAsAdministrator = await issue('KANRI2@example.jp');
    const unregistered = await issue(null);
    clock.set('2026-12-01T01:00:00Z'); // the renewal window opened on 2026-11-30
    await sendDueReminders(server.ctx);
    const mails = readOutbox(server.ctx.config.outboxPath).filter((m) => m.kind === 'renewal-reminder');
    const to = (number: string) =>
      mails
        .filter((m) => m.text.includes(number.slice(-4)))
        .map((m) => m.to.toLowerCase())
        .sort();
    expect(to(registered.number)).toEqual(['kanri2@example.jp', 'user2@example.jp']);
    expect(to(sameAsAdministrator.number)).toEqual(['kanri2@example.jp']);
    expect(to(unregistered.number)).toEqual(['kanri2@example.jp']);
    expect(mails.some((m) => m.to === 'office@example.jp')).toBe(false);
  });

  it('seed-demo shows a customer whose first license ended unrenewed and the other two suspended', async () => {
    clock.set('2027-03-02T01:00:00Z');
    const numbers = (await seedDemo(server.ctx))
      .split('\n')
      .filter((line) => !line.startsWith(' ') && line.includes('customer with 3 licenses'))
      .map((line) => line.split('\t')[0]!);
    expect(numbers).toHaveLength(3);
    const held = [];
    for (const number of numbers) {
      const row = (await server.ctx.licenses.findByNumber(number))!;
      const device = deviceId(row.id);
      await server.ctx.licenses.bindDevice(row.id, device, '1.0.0', clock.now().toISOString());
      held.push({ id: row.id, number, device, last: number.slice(-4) });
    }
    expect((await validate(held[0]!)).payload.support).toEqual({ state: 'ended-continues' });
    for (const l of held.slice(1))
      expect((await validate(l)).payload.support).toMatchObject({
        state: 'suspended',
        cause: { licenseNumberLast: held[0]!.last, endedOn: '2027-02-28', suspendedFrom: '2027-03-01' },
      });
  });
});
