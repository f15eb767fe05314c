import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../../src-shared/catalog';
import { CodedError } from '../../../src-shared/contracts/coded-error';
import { type Order, type OrderRequest, type Quote } from '../../../src-shared/contracts/http';
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

/** A service whose answers the test queues; it records what it was sent. */
class ScriptedService implements RenewalServiceApi {
  quoteAnswers: (Quote | CodedError)[] = [];
  orderAnswers: (Order | CodedError)[] = [];
  orders: { request: OrderRequest; key: string }[] = [];
  async quote() {
    const next = this.quoteAnswers.shift() ?? quote();
    if (next instanceof CodedError) throw next;
    return { quote: next, serverTime: '2026-11-22T00:00:00Z' };
  }
  async order(request: OrderRequest, key: string) {
    this.orders.push({ request, key });
    const next = this.orderAnswers.shift() ?? paid;
    if (next instanceof CodedError) throw next;
    return { order: next, license: null, serverTime: '2026-11-22T00:00:00Z' };
  }
  async register() {
    return { registered: true as const, licenseNumber: NUMBER };
  }
  statuses: Order[] = [];
  async orderStatus() {
    return { order: this.statuses.shift() ?? paid, serverTime: '2026-11-22T00:00:00Z' };
  }
}

function setup() {
  const wizards = new MemoryWizards();
  const service = new ScriptedService();
  const licenses = {
    licenseRef: () => ({ licenseNumber: NUMBER, device: 'd'.repeat(64) }),
    read: () => ({
      payload: { product: 'sakura-kaikei', edition: 'package', licenseNumber: NUMBER, term: { end: '2027-03-31' } },
    }),
    acceptRenewed: () => {},
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
  return { renewal, wizards, service, toPay };
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
