import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../../src-shared/catalog';
import { CodedError } from '../../../src-shared/contracts/coded-error';
import { type CoTerm, type Order, type OrderRequest, type Quote, type QuoteRequest } from '../../../src-shared/contracts/http';
import { type SignedLicense } from '../../../src-shared/contracts/signed-license';
import { RenewalService } from '../../../src-main/renewal/renewal-service';
import { type RenewalServiceApi } from '../../../src-main/license/service-client';
import { type StoredWizard, type WizardStorePort } from '../../../src-main/store/wizard-store';
import catalogJson from '../../../resources/catalog/catalog.json';

const catalog = parseCatalog(catalogJson);
const NUMBER = 'AAAA-BBBB-CCCC-DDDD';

class MemoryWizards implements WizardStorePort {
  row: StoredWizard | null = null;
  saves = 0;
  load() {
    return this.row === null ? null : structuredClone(this.row);
  }
  save(wizard: StoredWizard) {
    this.saves += 1;
    this.row = structuredClone(wizard);
  }
  clear() {
    this.row = null;
  }
}

let quotes = 0;
const quote = (): Quote => ({
  id: `q${++quotes}`,
  planKind: 'continuous',
  term: { start: '2027-04-01', end: '2028-03-31' },
  months: 12,
  options: [],
  lines: [],
  subtotalYen: 46_000,
  taxYen: 4_600,
  totalYen: 50_600,
  taxRatePercent: 10,
  expiresAt: '2026-11-23T00:00:00Z',
  paymentMethods: [{ code: 'card', label: 'クレジットカード', autoRenews: false, setupDays: null }],
  uncoveredOptions: [],
});
const paid: Order = {
  id: 'o1',
  state: 'paid',
  method: 'card',
  amountYen: 50_600,
  term: null,
  dueOn: null,
  transfer: null,
  autoRenew: false,
};

const coTerm = (target: CoTerm['target']): CoTerm => ({
  target,
  commonEnd: '2028-03-31',
  licenses: [
    {
      licenseNumberLast: 'DDDD',
      product: 'sakura-kaikei',
      productName: 'さくら会計',
      thisDevice: true,
      currentEnd: '2027-03-31',
      renewal: 'continuous',
      term: { start: '2027-04-01', end: '2028-03-31' },
      months: 12,
      amountYen: 46_000,
    },
    {
      licenseNumberLast: 'HR35',
      product: 'sakura-kaikei',
      productName: 'さくら会計',
      thisDevice: false,
      currentEnd: '2028-03-31',
      renewal: 'none',
      term: null,
      months: 0,
      amountYen: 0,
    },
  ],
});

/** A service whose answers the test queues; it records what it was sent. */
class ScriptedService implements RenewalServiceApi {
  quoteAnswers: (Quote | CodedError)[] = [];
  orderAnswers: (Order | CodedError)[] = [];
  orders: { request: OrderRequest; key: string }[] = [];
  quoteRequests: QuoteRequest[] = [];
  /** Asked for all licenses, the service answers a co-terming quote unless the test queued another answer. */
  async quote(request: QuoteRequest) {
    this.quoteRequests.push(request);
    const next = this.quoteAnswers.shift() ?? (request.together ? { ...quote(), coTerm: coTerm(request.together) } : quote());
    if (next instanceof CodedError) throw next;
    return { quote: next, serverTime: '2026-11-22T00:00:00Z' };
  }
  /** The re-signed license a paid order answers with (this device's). */
  orderLicense: SignedLicense | null = null;
  async order(request: OrderRequest, key: string) {
    this.orders.push({ request, key });
    const next = this.orderAnswers.shift() ?? paid;
    if (next instanceof CodedError) throw next;
    return { order: next, license: this.orderLicense, serverTime: '2026-11-22T00:00:00Z' };
  }
  async register() {
    return { registered: true as const, licenseNumber: NUMBER };
  }
  statuses: Order[] = [];
  async orderStatus() {
    return { order: this.statuses.shift() ?? paid, serverTime: '2026-11-22T00:00:00Z' };
  }
}

function setup(options: { support?: boolean; wizards?: MemoryWizards } = {}) {
  const wizards = options.wizards ?? new MemoryWizards();
  const service = new ScriptedService();
  const accepted: unknown[] = [];
  const licenses = {
    licenseRef: () => ({ licenseNumber: NUMBER, device: 'd'.repeat(64) }),
    read: () => ({
      payload: {
        product: 'sakura-kaikei',
        edition: 'package',
        licenseNumber: NUMBER,
        term: { end: '2027-03-31' },
        ...(options.support ? { support: { state: 'active' } } : {}),
      },
    }),
    acceptRenewed: (renewed: unknown) => accepted.push(renewed),
  };
  let keys = 0;
  const renewal = new RenewalService({
    catalog,
    licenses: () => licenses as never,
    wizardStore: () => wizards,
    client: service,
    clock: { now: () => new Date('2026-11-22T00:00:00Z') },
    productCode: 'sakura-kaikei',
    onLicenseChanged: () => {},
    newKey: () => `key-${String(++keys).padStart(16, '0')}`,
  });
  const toPay = async () => {
    await renewal.open();
    await renewal.act({ type: 'change-quote' });
    await renewal.act({ type: 'choose', months: 12, options: ['bank-import', 'e-filing'] });
    await renewal.act({ type: 'to-method' });
    await renewal.act({ type: 'pick-method', method: 'card' });
    await renewal.act({ type: 'to-pay' });
  };
  return { renewal, wizards, service, toPay, accepted };
}

const card = { number: '4242 4242 4242 4242', expiry: '12/29' };

describe('RenewalService (main owns the wizard)', () => {
  it('stores the key before the order leaves, and sends the same key again after a lost answer', async () => {
    const { renewal, wizards, service, toPay } = setup();
    await toPay();
    service.orderAnswers.push(new CodedError('service-unreachable'));
    await expect(renewal.pay(card)).rejects.toMatchObject({ code: 'service-unreachable' });
    expect(wizards.row?.state).toMatchObject({ step: 'pay', idempotencyKey: 'key-0000000000000001' });
    expect(renewal.close()).toEqual({ closed: false }); // a key is out: the wizard cannot be thrown away
    const view = await renewal.pay(card);
    expect(service.orders.map((o) => o.key)).toEqual(['key-0000000000000001', 'key-0000000000000001']);
    expect(view.wizard).toMatchObject({ step: 'done', order: paid });
  });

  it('after a declined card the next try is a new order with a new key', async () => {
    const { renewal, service, toPay } = setup();
    await toPay();
    service.orderAnswers.push(new CodedError('payment-declined'));
    await expect(renewal.pay(card)).rejects.toMatchObject({ code: 'payment-declined' });
    await renewal.pay(card);
    expect(service.orders.map((o) => o.key)).toEqual(['key-0000000000000001', 'key-0000000000000002']);
  });

  it('a quote that expired sends the user back to a fresh quote, nothing charged', async () => {
    const { renewal, service, toPay } = setup();
    await toPay();
    service.orderAnswers.push(new CodedError('quote-expired'));
    await expect(renewal.pay(card)).rejects.toMatchObject({ code: 'quote-expired' });
    const view = renewal.view();
    expect(view.wizard).toMatchObject({ step: 'quote', idempotencyKey: null });
    expect(view.wizard?.quote?.id).not.toBe(service.orders[0]!.request.quoteId);
  });

  it('turns the service’s refusals into blocking screens with their details', async () => {
    const { renewal, service } = setup();
    service.quoteAnswers.push(new CodedError('renewal-not-open', 'not yet', { opensOn: '2027-01-31' }));
    const view = await renewal.open();
    expect(view.blocked).toEqual({ code: 'renewal-not-open', details: { opensOn: '2027-01-31' } });
  });

  it('resumes a stored wizard at its step instead of starting again', async () => {
    const { renewal, wizards, toPay } = setup();
    await toPay();
    const saves = wizards.saves;
    const view = await renewal.open();
    expect(view.wizard?.step).toBe('pay');
    expect(wizards.saves).toBe(saves);
  });

  it('sends no card to the store: the card goes only into the order request', async () => {
    const { renewal, wizards, service, toPay } = setup();
    await toPay();
    await renewal.pay(card);
    expect(JSON.stringify(wizards.row)).not.toContain('4242');
    expect(service.orders[0]!.request.card).toEqual(card);
  });

  it('shows a pending transfer again instead of starting over, and starts anew once the service says it is paid', async () => {
    const { renewal, service, toPay } = setup();
    await toPay();
    const pending: Order = { ...paid, state: 'pending', method: 'bank-transfer' };
    service.orderAnswers.push(pending);
    await renewal.pay();
    service.statuses.push(pending);
    expect((await renewal.open()).wizard).toMatchObject({ step: 'done', order: { state: 'pending' } });
    service.statuses.push(paid);
    expect((await renewal.open()).wizard).toMatchObject({ step: 'quote', order: null });
  });
});

describe('RenewalService: renewing the customer’s licenses together (issue 11)', () => {
  const together = async (renewal: RenewalService, target: 'latest-end' | 'months' = 'latest-end') => {
    await renewal.open();
    await renewal.act({ type: 'change-quote' });
    return renewal.act({ type: 'choose', months: 12, options: [], together: target });
  };

  it('offers it only when the verified license carries the signed support field', async () => {
    expect((await setup({ support: true }).renewal.open()).coTermOffered).toBe(true);
    const { renewal } = setup();
    expect((await renewal.open()).coTermOffered).toBe(false);
    await renewal.act({ type: 'change-quote' });
    await expect(renewal.act({ type: 'choose', months: 12, options: [], together: 'latest-end' })).rejects.toMatchObject({
      code: 'invalid-request',
    });
  });

  it('asks the service with together only once the user chose it, and asks alone again when dropped', async () => {
    const { renewal, service } = setup({ support: true });
    const view = await together(renewal, 'months');
    expect(service.quoteRequests.map((r) => r.together)).toEqual([undefined, 'months']);
    expect('together' in service.quoteRequests[0]!).toBe(false);
    expect(view.wizard).toMatchObject({ step: 'quote', together: 'months', quote: { coTerm: { commonEnd: '2028-03-31' } } });
    await renewal.act({ type: 'change-quote' });
    await renewal.act({ type: 'choose', months: 12, options: [] });
    expect(service.quoteRequests.at(-1)?.together).toBeUndefined();
  });

  it('keeps the choice across a reload: a new service on the same store resumes it and re-quotes together', async () => {
    const first = setup({ support: true });
    await together(first.renewal);
    // The quote was lost (a reload while it was being asked for): the next open asks again, together.
    first.wizards.row = { ...first.wizards.row!, state: { ...first.wizards.row!.state, quote: null } };
    const second = setup({ support: true, wizards: first.wizards });
    const view = await second.renewal.open();
    expect(view.wizard?.together).toBe('latest-end');
    expect(second.service.quoteRequests.map((r) => r.together)).toEqual(['latest-end']);
  });

  it('refuses a quote asked for together that renews this license alone', async () => {
    const { renewal, service } = setup({ support: true });
    await renewal.open();
    await renewal.act({ type: 'change-quote' });
    service.quoteAnswers.push(quote());
    await expect(renewal.act({ type: 'choose', months: 12, options: [], together: 'latest-end' })).rejects.toMatchObject({
      code: 'service-bad-response',
    });
    expect(renewal.view().wizard?.quote).toBeNull();
  });

  it('orders the co-terming quote by its id and stores the re-signed license the paid order answers', async () => {
    const { renewal, service, accepted } = setup({ support: true });
    await together(renewal);
    const quoteId = renewal.view().wizard!.quote!.id;
    await renewal.act({ type: 'to-method' });
    await renewal.act({ type: 'pick-method', method: 'card' });
    await renewal.act({ type: 'to-pay' });
    service.orderLicense = { payload: '{"v":1}', signature: 'sig', keyId: 'k1' } satisfies SignedLicense;
    const view = await renewal.pay(card);
    expect(service.orders[0]!.request.quoteId).toBe(quoteId);
    expect(accepted).toEqual([{ license: service.orderLicense, serverTime: '2026-11-22T00:00:00Z' }]);
    expect(view.wizard).toMatchObject({ step: 'done', together: 'latest-end', quote: { coTerm: { commonEnd: '2028-03-31' } } });
  });

  it('a together choice the service refuses returns to STEP3 with the reason, not to a blocking screen', async () => {
    const { renewal, service } = setup({ support: true });
    await renewal.open();
    await renewal.act({ type: 'change-quote' });
    service.quoteAnswers.push(
      new CodedError('co-term-not-offered', 'all ended', { reason: 'all-ended', latestEnd: '2026-10-31' }),
    );
    const view = await renewal.act({ type: 'choose', months: 12, options: [], together: 'latest-end' });
    expect(view.blocked).toBeNull();
    expect(view.wizard).toMatchObject({ step: 'choose', together: 'latest-end', quote: null });
    expect(view.coTermRefusal).toEqual({ reason: 'all-ended', latestEnd: '2026-10-31' });
    const next = await renewal.act({ type: 'choose', months: 12, options: [], together: 'months' });
    expect(next.coTermRefusal).toBeNull();
    expect(next.wizard).toMatchObject({ step: 'quote', together: 'months', quote: { coTerm: { target: 'months' } } });
  });

  it('before this license’s window opens, the blocking screen leads on to 見積を変更する to renew together', async () => {
    const { renewal, service } = setup({ support: true });
    service.quoteAnswers.push(new CodedError('renewal-not-open', 'not yet', { opensOn: '2027-01-31' }));
    expect((await renewal.open()).blocked?.code).toBe('renewal-not-open');
    const choosing = await renewal.act({ type: 'change-quote' });
    expect(choosing.blocked).toBeNull();
    expect(choosing.wizard?.step).toBe('choose');
    const quoted = await renewal.act({ type: 'choose', months: 12, options: [], together: 'latest-end' });
    expect(quoted.blocked).toBeNull();
    expect(quoted.wizard?.quote?.coTerm?.commonEnd).toBe('2028-03-31');
  });
});
