import crypto from 'node:crypto';
import { paymentMethodsFor } from '../../src-shared/catalog';
import { canonicalJson } from '../../src-shared/contracts/canonical-json';
import { type Order, type OrderResponse } from '../../src-shared/contracts/http';
import { addDays, jstDateOf } from '../../src-shared/licensing';
import { HttpError } from '../http/http-error';
import { type LicenseRow } from '../licenses/license-repository';
import { signLicense } from '../licenses/license-signer';
import { type ServiceContext } from '../service-context';
import { type OrderRow, type PaymentMethodCode } from './order-repository';
import { findQuote } from './quote-service';
import { lapseOverdueOrders } from './lapse';
import { assertRenewable, planFor, termAfter } from './renewal-context';
import { checkCard, sandboxCharge } from './sandbox-card';
import { PAYEE_ACCOUNT, transferReference } from './transfer-instructions';

export type PlaceOrderInput = {
  license: LicenseRow;
  /** The device the answer's signed license is for; null when ordered from the renewal web page. */
  device: string | null;
  idempotencyKey: string;
  /** What the client sent, without card data, hashed to tell a retry from a different order under the same key. */
  request: unknown;
  quoteId: string;
  method: PaymentMethodCode;
  card?: { number: string; expiry: string };
};

export type OrderOutcome = {
  status: number;
  body: OrderResponse | { error: { code: string; message: string } };
  order: OrderRow | null;
  fresh: boolean;
};

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_\-:.]{8,128}$/;

export function orderView(order: OrderRow): Order {
  const transfer =
    order.method === 'bank-transfer' && order.dueOn
      ? {
          bankName: PAYEE_ACCOUNT.bank,
          branchName: PAYEE_ACCOUNT.branch,
          accountType: PAYEE_ACCOUNT.accountType,
          accountNumber: PAYEE_ACCOUNT.accountNumber,
          accountHolder: PAYEE_ACCOUNT.holder,
          reference: transferReference(order.id),
          amountYen: order.amountYen,
          dueOn: order.dueOn,
        }
      : null;
  return {
    id: order.id,
    state: order.state,
    method: order.method,
    amountYen: order.amountYen,
    term: order.termStart && order.termEnd ? { start: order.termStart, end: order.termEnd } : null,
    dueOn: order.dueOn,
    transfer,
    autoRenew: order.method === 'account-transfer',
  };
}

/**
 * Places a renewal order exactly once per Idempotency-Key (SPEC §6: paying twice must be impossible). The whole
 * decision runs in one SQLite transaction, and the key is UNIQUE in the database, so concurrent retries either
 * replay the stored answer or are refused; a card is charged at most once.
 */
export function placeOrder(ctx: ServiceContext, input: PlaceOrderInput): OrderOutcome {
  if (!IDEMPOTENCY_KEY.test(input.idempotencyKey)) {
    throw new HttpError(400, 'idempotency-key-required', 'send an Idempotency-Key header (8–128 characters)');
  }
  // Card numbers never go into the stored hash (a hash of a card number can be brute-forced): the last four do.
  const cardLast4 = input.card ? input.card.number.replace(/\s/g, '').slice(-4) : null;
  const requestHash = crypto
    .createHash('sha256')
    .update(canonicalJson({ request: input.request, cardLast4 }))
    .digest('hex');
  return ctx.db.transaction((): OrderOutcome => {
    lapseOverdueOrders(ctx);
    const existing = ctx.orders.findByIdempotencyKey(input.idempotencyKey);
    if (existing) {
      if (existing.requestHash !== requestHash)
        throw new HttpError(422, 'idempotency-key-reused', 'this Idempotency-Key was used for another order');
      // The same answer as the first time, except that the order's state is today's (it may have been paid or lapsed).
      const first = existing.response.body as OrderOutcome['body'];
      const body = 'order' in first ? { ...first, order: orderView(existing) } : first;
      return { status: existing.response.status, body, order: existing, fresh: false };
    }
    const now = ctx.clock();
    const nowIso = now.toISOString();
    const today = jstDateOf(nowIso);
    assertRenewable(ctx, input.license);
    const quote = findQuote(ctx, input.license, input.quoteId);
    if (ctx.orders.liveOrderForQuote(quote.id))
      throw new HttpError(409, 'quote-already-ordered', 'this quote has already been ordered; ask for a new quote');
    const method = paymentMethodsFor(ctx.catalog, input.license.product, input.license.edition).find(
      (m) => m.code === input.method,
    );
    if (!method) throw new HttpError(400, 'payment-method-not-offered', `${input.method} is not offered for this product`);
    const plan = planFor(ctx, input.license, quote.months, now);
    const order: Omit<OrderRow, 'receivedYen'> = {
      id: crypto.randomUUID(),
      licenseId: input.license.id,
      quoteId: quote.id,
      idempotencyKey: input.idempotencyKey,
      requestHash,
      method: input.method,
      state: 'pending',
      amountYen: quote.totalYen,
      months: quote.months,
      options: quote.options,
      termStart: plan.term.start,
      termEnd: plan.term.end,
      dueOn: method.unpaidOrderDueDays ? addDays(today, method.unpaidOrderDueDays) : null,
      response: { status: 0, body: null },
      createdAt: nowIso,
    };

    let license: LicenseRow | null = null;
    if (input.method === 'card') {
      const card = input.card ? checkCard(input.card, today) : ({ ok: false, code: 'card-invalid' } as const);
      if (!card.ok) throw new HttpError(400, 'card-invalid', 'card number or expiry is not valid');
      const outcome = sandboxCharge(input.card!.number);
      order.state = outcome === 'succeeded' ? 'paid' : 'declined';
      order.dueOn = null;
      ctx.orders.insert(order, nowIso);
      ctx.orders.recordPayment(
        order.id,
        { method: 'card', amountYen: order.amountYen, outcome, reference: `card-${card.last4}` },
        nowIso,
      );
      if (outcome === 'succeeded') {
        ctx.licenses.setTerm(input.license.id, termAfter(input.license, plan), quote.options, nowIso);
        license = ctx.licenses.findById(input.license.id);
      }
    } else {
      ctx.orders.insert(order, nowIso);
    }

    const stored = ctx.orders.findById(order.id)!;
    const response =
      stored.state === 'declined'
        ? { status: 402, body: { error: { code: 'payment-declined', message: 'the card was declined (sandbox)' } } }
        : {
            status: 201,
            body: {
              order: orderView(stored),
              license: license && input.device ? signLicense(ctx.key, license, input.device, now, ctx.config.leaseDays) : null,
              serverTime: nowIso,
            } satisfies OrderResponse,
          };
    ctx.orders.update(stored.id, { state: stored.state, response }, nowIso);
    return { ...response, order: ctx.orders.findById(stored.id), fresh: true };
  })();
}
