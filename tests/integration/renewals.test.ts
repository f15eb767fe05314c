import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LicenseResponseSchema } from '../../src-shared/contracts/http';
import { maskLicenseNumber } from '../../src-shared/contracts/license-number';
import { LicensePayloadSchema } from '../../src-shared/contracts/signed-license';
import { issueLicense } from '../../src-server/licenses/license-issuer';
import { readOutbox } from '../../src-server/mail/outbox-transport';
import { SANDBOX_CARDS } from '../../src-server/renewals/sandbox-card';
import { sendDueReminders } from '../../src-server/renewals/reminders';
import { clearOrder, confirmTransfer, recordRefund } from '../../src-server/renewals/transfer-confirmation';
import { startTestServer } from '../fixtures/license-server';
import { testStores } from './helpers/test-stores';
import { deviceId, manualClock, serviceClient } from '../fixtures/service-client';

const clock = manualClock('2026-12-01T01:00:00Z');
let server: Awaited<ReturnType<typeof startTestServer>>;
let api: ReturnType<typeof serviceClient>;
let keyCounter = 0;

describe.each(testStores())('on %s', (store) => {
  beforeAll(async () => {
    server = await startTestServer({ store, clock: clock.now });
    api = serviceClient(server.url);
  });
  afterAll(() => server.close());
  beforeEach(() => clock.set('2026-12-01T01:00:00Z'));

  type Setup = { number: string; id: string; device: string };

  /** A registered package license bound to a device, ending 2027-01-31 (window opens 2026-11-30). */
  async function setup(
    options: {
      product?: string;
      edition?: 'package' | 'download';
      start?: string;
      end?: string;
      register?: boolean;
      customerId?: string;
    } = {},
  ): Promise<Setup> {
    const { license, registration } = await issueLicense(server.ctx, {
      product: options.product ?? 'sakura-kaikei',
      edition: options.edition ?? 'package',
      start: options.start ?? '2026-02-01',
      end: options.end ?? '2027-01-31',
      ...(options.customerId ? { customerId: options.customerId } : {}),
    });
    if (registration && options.register !== false)
      await server.ctx.licenses.register(license.id, '山田 太郎', 'taro@example.jp', clock.now().toISOString());
    const device = deviceId(license.id);
    await server.ctx.licenses.bindDevice(license.id, device, '1.0.0', clock.now().toISOString());
    return { number: license.number, id: license.id, device };
  }

  const quote = (s: Setup, months = 12, options: string[] = ['bank-import', 'e-filing']) =>
    api.post('/v1/quotes', { licenseNumber: s.number, device: s.device, months, options });
  const order = (
    s: Setup,
    quoteId: string,
    method: string,
    extra: Record<string, unknown> = {},
    key = `test-key-${++keyCounter}`,
  ) =>
    api.post('/v1/orders', { licenseNumber: s.number, device: s.device, quoteId, method, ...extra }, { 'idempotency-key': key });
  const card = (number: string = SANDBOX_CARDS.succeeds) => ({ card: { number, expiry: '12/29' } });
  const payments = async (orderId: string) =>
    (await server.ctx.orders.paymentsFor(orderId)).map(({ outcome, amountYen }) => ({ outcome, amountYen }));

  describe('quotes (SPEC §6, §7)', () => {
    it('prices a continuous 12-month renewal with tax computed once and rounded down', async () => {
      const s = await setup();
      const response = await quote(s);
      expect(response.status).toBe(201);
      expect(response.body.quote).toMatchObject({
        planKind: 'continuous',
        term: { start: '2027-02-01', end: '2028-01-31' },
        subtotalYen: 46000,
        taxYen: 4600,
        totalYen: 50600,
        taxRatePercent: 10,
      });
      expect(response.body.quote.lines.map((l: { code: string; amountYen: number }) => [l.code, l.amountYen])).toEqual([
        ['basic', 33000],
        ['option:bank-import', 5500],
        ['option:e-filing', 7500],
      ]);
      expect(response.body.quote.paymentMethods.map((m: { code: string }) => m.code)).toEqual([
        'card',
        'bank-transfer',
        'account-transfer',
      ]);
    });

    it('refuses before the renewal window, telling the opening date', async () => {
      clock.set('2026-11-29T14:59:59Z'); // 2026-11-29 23:59:59 JST
      const s = await setup();
      expect(await quote(s)).toMatchObject({
        status: 409,
        body: { error: { code: 'renewal-not-open', details: { opensOn: '2026-11-30' } } },
      });
      clock.set('2026-11-29T15:00:00Z'); // 2026-11-30 00:00 JST
      expect((await quote(s)).status).toBe(201);
    });

    it('refuses lengths and option removals the policy forbids', async () => {
      const s = await setup();
      expect((await quote(s, 3)).body.error.code).toBe('months-not-allowed');
      expect((await quote(s, 12, ['bank-import', 'nope'])).body.error.code).toBe('unknown-option');
      expect((await quote(s, 12, ['bank-import', 'bank-import'])).body.error.code).toBe('duplicate-option');
      const download = await setup({ edition: 'download' });
      expect((await quote(download, 6)).body.error.code).toBe('months-not-allowed');
      expect((await quote(download, 12, ['bank-import'])).body.error.code).toBe('option-not-removable');
      const included = await quote(download, 12, ['bank-import', 'e-filing']);
      expect(included.body.quote.lines.filter((l: { status: string }) => l.status === 'included')).toHaveLength(2);
    });

    it('requires user registration for a package edition', async () => {
      const s = await setup({ register: false });
      expect(await quote(s)).toMatchObject({ status: 403, body: { error: { code: 'registration-required' } } });
    });

    it('resumes from the payment month after a lapse, and refuses annual licenses and lapses past the deadline', async () => {
      const lapsed = await setup({ product: 'model-studio', edition: 'download', start: '2025-08-01', end: '2026-07-31' });
      const resumed = await quote(lapsed, 12, ['simulation-addin']);
      expect(resumed.body.quote).toMatchObject({ planKind: 'resumption', term: { start: '2026-12-01', end: '2027-11-30' } });
      const annual = await setup({ product: 'model-studio-annual', edition: 'download', start: '2025-12-01', end: '2026-11-30' });
      expect((await quote(annual, 12, [])).body.error.code).toBe('repurchase-required');
      const old = await setup({ product: 'model-studio', edition: 'download', start: '2022-08-01', end: '2023-07-31' });
      expect(await quote(old, 12, [])).toMatchObject({
        status: 409,
        body: { error: { code: 'repurchase-required', details: { deadline: '2026-07-31T15:00:00+09:00' } } },
      });
    });

    it('prices seed-004 options by the customer’s applications', async () => {
      const customer = await server.ctx.customers.create(
        { name: '申請事務所', yearlyApplications: 20, newAdditionalApplications: 2 },
        clock.now().toISOString(),
      );
      const s = await setup({ product: 'shinsei-shien', start: '2025-02-01', end: '2027-01-31', customerId: customer.id });
      const response = await quote(s, 12, ['billing', 'internet-backup']);
      expect(response.body.quote.uncoveredOptions).toEqual([
        { option: 'internet-backup', missingApplications: 2, feeYen: 11000 },
      ]);
      const lines = response.body.quote.lines.map((l: { code: string; amountYen: number; status: string }) => [
        l.code,
        l.status,
        l.amountYen,
      ]);
      expect(lines).toEqual([
        ['basic', 'free', 0],
        ['option:billing', 'free', 0],
        ['option:internet-backup', 'charged', 10000],
      ]);
      expect(response.body.quote.totalYen).toBe(11000);
    });
  });

  describe('card payments (sandbox)', () => {
    it('extends the term at once and returns the new signed license', async () => {
      const s = await setup();
      const q = (await quote(s)).body.quote;
      const response = await order(s, q.id, 'card', card());
      expect(response.status).toBe(201);
      expect(response.body.order).toMatchObject({
        state: 'paid',
        amountYen: 50600,
        term: { start: '2027-02-01', end: '2028-01-31' },
      });
      expect(LicensePayloadSchema.parse(JSON.parse(response.body.license.payload)).term).toEqual({
        start: '2026-02-01',
        end: '2028-01-31',
      });
      expect((await server.ctx.licenses.findById(s.id))?.termEnd).toBe('2028-01-31');
      expect(await payments(response.body.order.id)).toEqual([{ outcome: 'succeeded', amountYen: 50600 }]);
    });

    it('a declined card changes nothing and says so', async () => {
      const s = await setup();
      const q = (await quote(s)).body.quote;
      expect(await order(s, q.id, 'card', card(SANDBOX_CARDS.declined))).toMatchObject({
        status: 402,
        body: { error: { code: 'payment-declined' } },
      });
      expect((await server.ctx.licenses.findById(s.id))?.termEnd).toBe('2027-01-31');
      expect((await order(s, q.id, 'card', { card: { number: '4242424242424241', expiry: '12/29' } })).body.error.code).toBe(
        'card-invalid',
      );
      expect((await order(s, q.id, 'card', { card: { number: SANDBOX_CARDS.succeeds, expiry: '11/26' } })).body.error.code).toBe(
        'card-invalid',
      );
      expect((await order(s, q.id, 'card')).body.error.code).toBe('card-invalid');
      expect((await order(s, q.id, 'card', card())).body.order.state).toBe('paid');
    });

    it('10 concurrent identical requests make exactly one order, one charge and one extension', async () => {
      const s = await setup();
      const q = (await quote(s)).body.quote;
      const responses = await Promise.all(
        Array.from({ length: 10 }, () => order(s, q.id, 'card', card(), 'same-key-concurrent')),
      );
      const ids = new Set(responses.map((r) => r.body.order.id));
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
      expect(ids.size).toBe(1);
      const orders = await server.ctx.orders.forLicense(s.id);
      expect(orders).toHaveLength(1);
      expect(await payments(orders[0]!.id)).toHaveLength(1);
      expect((await server.ctx.licenses.findById(s.id))?.termEnd).toBe('2028-01-31');
    });

    it('the same key with a different body is refused, and a key is required', async () => {
      const s = await setup();
      const q = (await quote(s)).body.quote;
      await order(s, q.id, 'card', card(), 'reused-key-1');
      expect(await order(s, q.id, 'bank-transfer', {}, 'reused-key-1')).toMatchObject({
        status: 422,
        body: { error: { code: 'idempotency-key-reused' } },
      });
      const noKey = await api.post('/v1/orders', { licenseNumber: s.number, device: s.device, quoteId: q.id, method: 'card' });
      expect(noKey.body.error.code).toBe('idempotency-key-required');
    });

    it('refuses a payment method the product does not offer, and unknown orders', async () => {
      const s = await setup({ product: 'model-studio', edition: 'download', start: '2026-02-01', end: '2027-01-31' });
      const q = (await quote(s, 12, [])).body.quote;
      expect(q.paymentMethods.map((m: { code: string }) => m.code)).toEqual(['card', 'bank-transfer']);
      expect((await order(s, q.id, 'account-transfer')).body.error.code).toBe('payment-method-not-offered');
      const unknown = await api.get(
        `/v1/orders/00000000-0000-4000-8000-000000000000?licenseNumber=${s.number}&device=${s.device}`,
      );
      expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'order-not-found' } } });
    });

    it('a quote buys one renewal: a second order on it is refused', async () => {
      const s = await setup();
      const q = (await quote(s)).body.quote;
      expect((await order(s, q.id, 'card', card(SANDBOX_CARDS.declined))).status).toBe(402);
      expect((await order(s, q.id, 'card', card())).status).toBe(201);
      expect(await order(s, q.id, 'card', card())).toMatchObject({
        status: 409,
        body: { error: { code: 'quote-already-ordered' } },
      });
      expect(await payments((await server.ctx.orders.forLicense(s.id)).find((o) => o.state === 'paid')!.id)).toHaveLength(1);
    });

    it('keeps card numbers out of the stored request hash', async () => {
      const s = await setup();
      const q = (await quote(s)).body.quote;
      await order(s, q.id, 'card', card(), 'hash-check-key');
      const row = (await server.ctx.store.session.get('SELECT request_hash AS h FROM orders WHERE idempotency_key = ?', [
        'hash-check-key',
      ])) as {
        h: string;
      };
      const crypto = await import('node:crypto');
      const { canonicalJson } = await import('../../src-shared/contracts/canonical-json');
      // What is hashed: the order without its card, and the card's last four digits only.
      const withoutCard = { licenseNumber: s.number, device: s.device, quoteId: q.id, method: 'card' };
      expect(row.h).toBe(
        crypto
          .createHash('sha256')
          .update(canonicalJson({ request: withoutCard, cardLast4: '4242' }))
          .digest('hex'),
      );
    });

    it('refuses unknown and expired quotes', async () => {
      const s = await setup();
      expect((await order(s, 'no-such-quote', 'card', card())).body.error.code).toBe('quote-not-found');
      const q = (await quote(s)).body.quote;
      clock.advanceDays(2);
      expect((await order(s, q.id, 'card', card())).body.error.code).toBe('quote-expired');
    });
  });

  describe('bank and account transfers', () => {
    it('leaves a bank-transfer order pending with instructions, mails them, and blocks a second renewal', async () => {
      const s = await setup();
      const q = (await quote(s)).body.quote;
      const response = await order(s, q.id, 'bank-transfer');
      expect(response.body.order).toMatchObject({
        state: 'pending',
        dueOn: '2026-12-15',
        transfer: { amountYen: 50600, dueOn: '2026-12-15' },
      });
      expect((await server.ctx.licenses.findById(s.id))?.termEnd).toBe('2027-01-31');
      expect(await quote(s)).toMatchObject({ status: 409, body: { error: { code: 'previous-renewal-unpaid' } } });
      await new Promise((r) => setTimeout(r, 100));
      const mail = readOutbox(server.ctx.config.outboxPath).find((m) => m.text.includes(response.body.order.transfer.reference));
      expect(mail?.to).toBe('taro@example.jp');
      expect(mail?.text).toContain('二重のお振込にご注意ください');
      expect(mail?.text).toContain('¥50,600');
    });

    it('confirms an exact transfer: paid, extended; the app can see it', async () => {
      const s = await setup();
      const q = (await quote(s)).body.quote;
      const placed = (await order(s, q.id, 'bank-transfer')).body.order;
      clock.advanceDays(3);
      expect(await confirmTransfer(server.ctx, placed.id, 50600)).toMatchObject({ outcome: 'paid' });
      expect((await server.ctx.licenses.findById(s.id))?.termEnd).toBe('2028-01-31');
      const seen = await api.get(`/v1/orders/${placed.id}?licenseNumber=${s.number}&device=${s.device}`);
      expect(seen.body.order).toMatchObject({ state: 'paid', term: { start: '2027-02-01', end: '2028-01-31' } });
      expect(
        (await api.get(`/v1/orders/${placed.id}?licenseNumber=${s.number}&device=${deviceId('other')}`)).body.error.code,
      ).toBe('moved');
    });

    it('sends over- and under-payments and payments after lapse to support, never extending silently', async () => {
      for (const [received, reason] of [
        [60000, /overpaid by ¥9400/],
        [50000, /underpaid by ¥600/],
      ] as const) {
        const s = await setup();
        const placed = (await order(s, (await quote(s)).body.quote.id, 'bank-transfer')).body.order;
        const result = await confirmTransfer(server.ctx, placed.id, received);
        expect(result.outcome).toBe('needs-support');
        expect(result.reason).toMatch(reason);
        expect((await server.ctx.licenses.findById(s.id))?.termEnd).toBe('2027-01-31');
        expect((await quote(s)).body.error.code).toBe('previous-renewal-unpaid');
      }
      const s = await setup();
      const quoteId = (await quote(s)).body.quote.id;
      const placed = (await order(s, quoteId, 'bank-transfer', {}, 'lapse-replay-key')).body.order;
      clock.set('2026-12-16T01:00:00Z');
      // Whoever looks first after the due date sees it lapsed.
      expect((await api.get(`/v1/orders/${placed.id}?licenseNumber=${s.number}&device=${s.device}`)).body.order.state).toBe(
        'lapsed',
      );
      // A retry of the original order tells today's state, not the first answer's.
      const retry = await order(s, quoteId, 'bank-transfer', {}, 'lapse-replay-key');
      expect(retry).toMatchObject({ status: 201, body: { order: { id: placed.id, state: 'lapsed' } } });
      // Seed 000: a renewal left unpaid blocks the next one until it is paid or support clears it.
      expect((await quote(s)).body.error).toMatchObject({
        code: 'previous-renewal-unpaid',
        details: { orderId: placed.id, orderState: 'lapsed' },
      });
      expect(await confirmTransfer(server.ctx, placed.id, 50600)).toMatchObject({
        outcome: 'needs-support',
        reason: expect.stringMatching(/after the order lapsed/),
      });
      expect((await quote(s)).body.error.code).toBe('previous-renewal-unpaid');
      await expect(clearOrder(server.ctx, placed.id, '')).resolves.toBeDefined();
      expect(await server.ctx.orders.findById(placed.id)).toMatchObject({ state: 'needs-support', clearedNote: '' });
      expect((await quote(s)).status).toBe(201);
    });

    it('a lapsed order blocks the next renewal until the vendor clears it; pending and paid ones cannot be cleared', async () => {
      const s = await setup();
      const placed = (await order(s, (await quote(s)).body.quote.id, 'bank-transfer')).body.order; // due 2026-12-15
      await expect(clearOrder(server.ctx, placed.id, 'too early')).rejects.toThrow(/only a lapsed or needs-support order/);
      clock.set('2026-12-16T01:00:00Z');
      expect((await quote(s)).body.error).toMatchObject({ code: 'previous-renewal-unpaid', details: { orderState: 'lapsed' } });
      expect((await order(s, placed.id, 'card', card())).body.error.code).toBe('previous-renewal-unpaid');
      await clearOrder(server.ctx, placed.id, 'customer will not pay; cleared by support');
      const fresh = await quote(s);
      expect(fresh.status).toBe(201);
      const paid = await order(s, fresh.body.quote.id, 'card', card());
      expect(paid.body.order.state).toBe('paid');
      await expect(clearOrder(server.ctx, paid.body.order.id, 'no')).rejects.toThrow(/this one is paid/);
    });

    it('keeps every receipt in the ledger: the received amount is their sum, refunds included (admin show)', async () => {
      const s = await setup();
      const placed = (await order(s, (await quote(s)).body.quote.id, 'bank-transfer')).body.order; // ¥50,600
      clock.set('2026-12-03T01:00:00Z');
      expect(await confirmTransfer(server.ctx, placed.id, 1000)).toMatchObject({
        outcome: 'needs-support',
        reason: 'underpaid by ¥49600 (¥1000 received in all)',
      });
      // The second part is not lost, nor does it overwrite the first: the order now holds ¥50,600 in two receipts.
      expect(await confirmTransfer(server.ctx, placed.id, 49600)).toMatchObject({
        outcome: 'needs-support',
        reason: 'order is needs-support; ¥50600 of ¥50600 received in all',
        order: { receivedYen: 50600 },
      });
      expect(await payments(placed.id)).toEqual([
        { outcome: 'received', amountYen: 1000 },
        { outcome: 'received', amountYen: 49600 },
      ]);
      expect(await recordRefund(server.ctx, placed.id, 1000)).toMatchObject({ receivedYen: 49600, state: 'needs-support' });
      await expect(recordRefund(server.ctx, placed.id, 49601)).rejects.toThrow(/only ¥49600 was received/);
      expect((await payments(placed.id)).at(-1)).toEqual({ outcome: 'refunded', amountYen: 1000 });
      expect((await server.ctx.orders.paymentsFor(placed.id)).map((p) => p.receivedOn)).toEqual([
        '2026-12-03',
        '2026-12-03',
        '2026-12-03',
      ]);
      expect((await server.ctx.licenses.findById(s.id))?.termEnd).toBe('2027-01-31');
      // Amounts the desk cannot mean are refused before anything is written.
      for (const bad of [0, -5, 1.5, 100_000_001, Number.NaN])
        await expect(confirmTransfer(server.ctx, placed.id, bad)).rejects.toThrow(RangeError);
      expect(await payments(placed.id)).toHaveLength(3);
    });

    it('a card charge is one ledger row and the order holds its amount', async () => {
      const s = await setup();
      const paid = (await order(s, (await quote(s)).body.quote.id, 'card', card())).body.order;
      expect(await server.ctx.orders.findById(paid.id)).toMatchObject({ state: 'paid', receivedYen: 50600 });
      expect(await payments(paid.id)).toEqual([{ outcome: 'succeeded', amountYen: 50600 }]);
    });

    it('refuses an impossible day received without touching the order', async () => {
      const s = await setup();
      const placed = (await order(s, (await quote(s)).body.quote.id, 'bank-transfer')).body.order;
      clock.set('2026-12-05T01:00:00Z');
      await expect(confirmTransfer(server.ctx, placed.id, 50600, '2026-11-31')).rejects.toThrow(/real date/);
      await expect(confirmTransfer(server.ctx, placed.id, 50600, '2026-11-30')).rejects.toThrow(/before it was placed/);
      await expect(confirmTransfer(server.ctx, placed.id, 50600, '2026-12-06')).rejects.toThrow(/not in the future/);
      expect((await server.ctx.orders.findById(placed.id))?.state).toBe('pending');
      expect((await confirmTransfer(server.ctx, placed.id, 50600, '2026-12-04')).outcome).toBe('paid');
    });

    it('counts a transfer from the day the money arrived, not the day it is booked', async () => {
      const s = await setup();
      const placed = (await order(s, (await quote(s)).body.quote.id, 'bank-transfer')).body.order; // due 2026-12-15
      clock.set('2026-12-18T01:00:00Z'); // booked three days late, after the due date
      expect(await confirmTransfer(server.ctx, placed.id, 50600, '2026-12-14')).toMatchObject({ outcome: 'paid' });
      expect((await server.ctx.licenses.findById(s.id))?.termEnd).toBe('2028-01-31');
      await expect(confirmTransfer(server.ctx, placed.id, 50600, '2027-01-01')).rejects.toThrow(RangeError);

      // Money that arrived after the end date resumes from that day (seed 003), however late it is booked.
      clock.set('2027-01-20T01:00:00Z');
      const lapsing = await setup({ end: '2027-01-31' });
      const late = (await order(lapsing, (await quote(lapsing)).body.quote.id, 'bank-transfer')).body.order; // due 2027-02-03
      clock.set('2027-02-05T01:00:00Z');
      expect(await confirmTransfer(server.ctx, late.id, 50600, '2027-02-02')).toMatchObject({
        outcome: 'paid',
        order: { termStart: '2027-02-02', termEnd: '2028-02-01' },
      });
    });

    it('account transfer: pending while it is set up, then extends and renews itself next time', async () => {
      const s = await setup();
      const placed = (await order(s, (await quote(s)).body.quote.id, 'account-transfer')).body.order;
      expect(placed).toMatchObject({ state: 'pending', autoRenew: true, transfer: null });
      expect((await confirmTransfer(server.ctx, placed.id, 50600)).outcome).toBe('paid');
      const license = (await server.ctx.licenses.findById(s.id))!;
      expect(license).toMatchObject({ termEnd: '2028-01-31', autoRenew: true });
      // Next year, inside the window, a validation debits and extends once.
      clock.set('2027-12-01T01:00:00Z');
      const validate = () =>
        api.post('/v1/validations', { licenseNumber: s.number, product: 'sakura-kaikei', device: s.device, appVersion: '1.0.0' });
      const first = await validate();
      expect(LicensePayloadSchema.parse(JSON.parse(first.body.license.payload)).term.end).toBe('2029-01-31');
      await validate();
      expect((await server.ctx.licenses.findById(s.id))?.termEnd).toBe('2029-01-31');
      expect((await server.ctx.orders.forLicense(s.id)).filter((o) => o.idempotencyKey.startsWith('auto:'))).toHaveLength(1);
    });

    it('never debits automatically after the end, nor beside a renewal already placed', async () => {
      const validate = (x: Setup) =>
        api.post('/v1/validations', { licenseNumber: x.number, product: 'sakura-kaikei', device: x.device, appVersion: '1.0.0' });
      const lapsed = await setup({ start: '2023-02-01', end: '2024-01-31' });
      await server.ctx.licenses.setAutoRenew(lapsed.id, true, clock.now().toISOString());
      for (let i = 0; i < 3; i++) expect((await validate(lapsed)).status).toBe(200);
      expect(await server.ctx.orders.forLicense(lapsed.id)).toHaveLength(0);
      expect((await server.ctx.licenses.findById(lapsed.id))?.termEnd).toBe('2024-01-31');

      const placed = await setup();
      await order(placed, (await quote(placed)).body.quote.id, 'bank-transfer');
      await server.ctx.licenses.setAutoRenew(placed.id, true, clock.now().toISOString());
      await validate(placed);
      expect((await server.ctx.orders.forLicense(placed.id)).map((o) => o.state)).toEqual(['pending']);
      expect((await server.ctx.licenses.findById(placed.id))?.termEnd).toBe('2027-01-31');

      const support = await setup();
      const wrong = (await order(support, (await quote(support)).body.quote.id, 'bank-transfer')).body.order;
      await confirmTransfer(server.ctx, wrong.id, 1000);
      await server.ctx.licenses.setAutoRenew(support.id, true, clock.now().toISOString());
      expect((await validate(support)).status).toBe(200);
      expect((await server.ctx.orders.forLicense(support.id)).map((o) => o.state)).toEqual(['needs-support']);
    });

    it('debits only the options the license has, and only where account transfer is offered', async () => {
      const validate = (x: Setup, product: string) =>
        api.post('/v1/validations', { licenseNumber: x.number, product, device: x.device, appVersion: '1.0.0' });
      const s = await setup();
      await server.ctx.store.session.run("DELETE FROM license_options WHERE license_id = ? AND code = 'e-filing'", [s.id]);
      await server.ctx.licenses.setAutoRenew(s.id, true, clock.now().toISOString());
      await validate(s, 'sakura-kaikei');
      const [auto] = await server.ctx.orders.forLicense(s.id);
      expect(auto).toMatchObject({ state: 'paid', options: ['bank-import'], amountYen: 42350 });
      const modelling = await setup({ product: 'model-studio', edition: 'download' });
      await server.ctx.licenses.setAutoRenew(modelling.id, true, clock.now().toISOString());
      await validate(modelling, 'model-studio');
      expect(await server.ctx.orders.forLicense(modelling.id)).toHaveLength(0);
    });

    it('extends an online-extended subscription (seed 001) on validation inside its window', async () => {
      const menzei = (
        await issueLicense(server.ctx, {
          product: 'menzei-terminal',
          edition: 'download',
          start: '2026-02-01',
          end: '2027-01-31',
        })
      ).license;
      expect(menzei.autoRenew).toBe(true);
      await server.ctx.licenses.bindDevice(menzei.id, deviceId('terminal'), '1.0.0', clock.now().toISOString());
      const response = await api.post('/v1/validations', {
        licenseNumber: menzei.number,
        product: 'menzei-terminal',
        device: deviceId('terminal'),
        appVersion: '1.0.0',
      });
      expect(LicensePayloadSchema.parse(JSON.parse(response.body.license.payload)).term).toEqual({
        start: '2026-02-01',
        end: '2028-01-31',
      });
    });
  });

  describe('renewal reminder mails (SPEC §3)', () => {
    const remindersTo = (address: string) =>
      readOutbox(server.ctx.config.outboxPath).filter((m) => m.to === address && m.kind === 'renewal-reminder');

    it('sends the 2-month reminder from the window’s opening day and the 20-day one later, each once per term', async () => {
      const customer = await server.ctx.customers.create(
        { name: 'リマインド株式会社', email: 'remind@example.jp' },
        clock.now().toISOString(),
      );
      const s = await setup({ customerId: customer.id, register: false, end: '2027-01-31' });
      clock.set('2026-11-28T15:00:00Z'); // 2026-11-29 JST: the day before the window opens
      await sendDueReminders(server.ctx);
      expect(remindersTo('remind@example.jp')).toHaveLength(0);
      clock.set('2026-11-29T15:00:00Z'); // 2026-11-30 JST
      await sendDueReminders(server.ctx);
      await sendDueReminders(server.ctx);
      expect(remindersTo('remind@example.jp').map((m) => m.subject)).toEqual([
        expect.stringContaining('更新のご案内（2027年1月31日終了）'),
      ]);
      clock.set('2027-01-11T01:00:00Z'); // 20 days before the end
      await sendDueReminders(server.ctx);
      expect(remindersTo('remind@example.jp')).toHaveLength(2);
      expect(remindersTo('remind@example.jp')[1]!.subject).toContain('終了が近づいています');
      expect((await server.ctx.licenses.findById(s.id))?.termEnd).toBe('2027-01-31');
    });

    it('tells an annual license to buy again, with no renewal link', async () => {
      const customer = await server.ctx.customers.create(
        { name: '年間ライセンス株式会社', email: 'annual@example.jp' },
        clock.now().toISOString(),
      );
      await setup({
        product: 'model-studio-annual',
        edition: 'download',
        start: '2026-01-01',
        end: '2026-12-31',
        customerId: customer.id,
      });
      clock.set('2026-12-12T01:00:00Z'); // 19 days before the end
      await sendDueReminders(server.ctx);
      const [mail] = remindersTo('annual@example.jp');
      expect(mail?.text).toContain('ライセンスを再購入してください');
      expect(mail?.text).not.toContain('?license=');
    });

    it('keeps going when one address fails, and retries it next time', async () => {
      const customer = await server.ctx.customers.create(
        { name: '宛先不明', email: 'bounce@example.jp' },
        clock.now().toISOString(),
      );
      const other = await server.ctx.customers.create(
        { name: '届く株式会社', email: 'fine@example.jp' },
        clock.now().toISOString(),
      );
      await setup({ customerId: customer.id, register: false });
      await setup({ customerId: other.id, register: false });
      const real = server.ctx.mail;
      server.ctx.mail = {
        send: (mail) => (mail.to === 'bounce@example.jp' ? Promise.reject(new Error('550 no such user')) : real.send(mail)),
      };
      try {
        clock.set('2026-12-02T01:00:00Z');
        await sendDueReminders(server.ctx, { error: () => {} });
        expect(remindersTo('fine@example.jp')).toHaveLength(1);
        expect(remindersTo('bounce@example.jp')).toHaveLength(0);
      } finally {
        server.ctx.mail = real;
      }
      await sendDueReminders(server.ctx);
      expect(remindersTo('bounce@example.jp')).toHaveLength(1);
    });

    it('leaves auto-renewing licenses, trials and licenses with a renewal placed alone', async () => {
      const customer = await server.ctx.customers.create(
        { name: '静か株式会社', email: 'quiet@example.jp' },
        clock.now().toISOString(),
      );
      const auto = await setup({ customerId: customer.id, register: false });
      await server.ctx.licenses.setAutoRenew(auto.id, true, clock.now().toISOString());
      const placed = await setup({ customerId: customer.id });
      await order(placed, (await quote(placed)).body.quote.id, 'bank-transfer');
      const trial = (
        await issueLicense(server.ctx, {
          product: 'menzei-terminal',
          edition: 'download',
          start: '2026-11-20',
          end: '2026-12-20',
          trial: true,
          customerId: customer.id,
        })
      ).license;
      const control = await setup({ customerId: customer.id, register: false });
      clock.set('2026-12-10T01:00:00Z');
      await sendDueReminders(server.ctx);
      const texts = readOutbox(server.ctx.config.outboxPath)
        .filter((m) => m.kind === 'renewal-reminder')
        .map((m) => m.text);
      expect(texts.filter((text) => text.includes(maskLicenseNumber(control.number)))).toHaveLength(1);
      for (const quiet of [auto.number, placed.number, trial.number]) {
        expect(texts.some((text) => text.includes(maskLicenseNumber(quiet)))).toBe(false);
      }
    });
  });

  describe('the due date’s last moment (SPEC §6: unpaid past the due date lapses)', () => {
    it('is still pending at 23:59:59 JST on the due date and lapsed one second later', async () => {
      const s = await setup();
      const placed = (await order(s, (await quote(s)).body.quote.id, 'bank-transfer')).body.order;
      expect(placed.dueOn).toBe('2026-12-15');
      const state = async () =>
        (await api.get(`/v1/orders/${placed.id}?licenseNumber=${s.number}&device=${s.device}`)).body.order.state;
      clock.set('2026-12-15T14:59:59.999Z'); // 2026-12-15 23:59:59.999 JST
      expect(await state()).toBe('pending');
      expect((await quote(s)).body.error).toMatchObject({ code: 'previous-renewal-unpaid', details: { orderState: 'pending' } });
      clock.set('2026-12-15T15:00:00.000Z'); // 2026-12-16 00:00 JST
      expect(await state()).toBe('lapsed');
    });
  });

  describe('validations report the renewal placed and not settled (LicenseResponse.renewal)', () => {
    const validate = async (s: Setup) => {
      const response = await api.post('/v1/validations', {
        licenseNumber: s.number,
        product: 'sakura-kaikei',
        device: s.device,
        appVersion: '1.0.0',
      });
      expect(response.status).toBe(200);
      return LicenseResponseSchema.parse(response.body).renewal;
    };

    it('null without an order, then pending, lapsed, needs-support, and null again once support cleared it', async () => {
      const s = await setup();
      expect(await validate(s)).toBeNull();
      const placed = (await order(s, (await quote(s)).body.quote.id, 'bank-transfer')).body.order;
      expect(await validate(s)).toEqual({ orderId: placed.id, state: 'pending', method: 'bank-transfer', dueOn: '2026-12-15' });
      clock.set('2026-12-16T01:00:00Z');
      expect(await validate(s)).toEqual({ orderId: placed.id, state: 'lapsed', method: 'bank-transfer', dueOn: '2026-12-15' });
      await confirmTransfer(server.ctx, placed.id, 50600);
      expect(await validate(s)).toMatchObject({ orderId: placed.id, state: 'needs-support' });
      await clearOrder(server.ctx, placed.id, 'refunded by support');
      expect(await validate(s)).toBeNull();
    });

    it('reports an order past its due date as lapsed without writing it; it still blocks, and the next write path lapses it', async () => {
      const s = await setup();
      const placed = (await order(s, (await quote(s)).body.quote.id, 'bank-transfer')).body.order;
      clock.set('2026-12-15T14:59:59.999Z'); // the due date's last moment (JST): still pending
      expect(await validate(s)).toMatchObject({ orderId: placed.id, state: 'pending' });
      clock.set('2026-12-15T15:00:00.000Z'); // 2026-12-16 00:00 JST
      expect(await validate(s)).toEqual({ orderId: placed.id, state: 'lapsed', method: 'bank-transfer', dueOn: '2026-12-15' });
      // The read path wrote nothing: the row is still pending until a write path looks.
      expect(await server.ctx.orders.findById(placed.id)).toMatchObject({ state: 'pending' });
      // Seed 000: the lapsed unpaid order blocks the next renewal (the quote path lapses it in the database).
      expect((await quote(s)).body.error).toMatchObject({
        code: 'previous-renewal-unpaid',
        details: { orderId: placed.id, orderState: 'lapsed' },
      });
      expect(await server.ctx.orders.findById(placed.id)).toMatchObject({ state: 'lapsed' });
      expect(await validate(s)).toMatchObject({ orderId: placed.id, state: 'lapsed' });
    });

    it('an order seen lapsed only by validations can be cleared by the desk, and then no longer reported', async () => {
      const s = await setup();
      const placed = (await order(s, (await quote(s)).body.quote.id, 'bank-transfer')).body.order;
      clock.set('2026-12-16T01:00:00Z');
      expect(await validate(s)).toMatchObject({ state: 'lapsed' });
      expect(await server.ctx.orders.findById(placed.id)).toMatchObject({ state: 'pending' });
      await expect(clearOrder(server.ctx, placed.id, 'customer will not pay')).resolves.toMatchObject({ state: 'lapsed' });
      expect(await validate(s)).toBeNull();
    });

    it('null once the renewal is paid, and for a card order', async () => {
      const s = await setup();
      const placed = (await order(s, (await quote(s)).body.quote.id, 'bank-transfer')).body.order;
      await confirmTransfer(server.ctx, placed.id, 50600);
      expect(await validate(s)).toBeNull();
      const t = await setup();
      await order(t, (await quote(t)).body.quote.id, 'card', card());
      expect(await validate(t)).toBeNull();
    });

    it('a lapsed order superseded by a later paid one is not reported', async () => {
      const s = await setup();
      const placed = (await order(s, (await quote(s)).body.quote.id, 'bank-transfer')).body.order;
      clock.set('2026-12-16T01:00:00Z');
      expect(await validate(s)).toMatchObject({ state: 'lapsed' });
      // A write path (here a quote, refused) lapses it in the database, so another order may use its quote.
      expect((await quote(s)).body.error).toMatchObject({ code: 'previous-renewal-unpaid' });
      // An order paid after it (here placed by the desk directly, as an older service version allowed) supersedes it.
      await server.ctx.store.session.run("UPDATE orders SET created_at = '2026-12-01T00:00:00.000Z' WHERE id = ?", [placed.id]);
      const later = (await server.ctx.orders.findById(placed.id))!;
      await server.ctx.orders.insert(
        {
          ...later,
          id: `${later.id}-later`,
          idempotencyKey: `${later.idempotencyKey}-later`,
          state: 'paid',
          createdAt: '2026-12-16T01:00:00.000Z',
        },
        '2026-12-16T01:00:00.000Z',
      );
      expect(await validate(s)).toBeNull();
    });
  });
});
