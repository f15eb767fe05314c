import crypto from 'node:crypto';
import { paymentMethodsFor } from '../../src-shared/catalog';
import { canonicalJson } from '../../src-shared/contracts/canonical-json';
import { type Order, type OrderResponse } from '../../src-shared/contracts/http';
import { addDays, jstDateOf } from '../../src-shared/licensing';
import { DomainError } from '../domain/domain-error';
import { type LicenseRow } from '../licenses/license-repository';
import { signLicense } from '../licenses/license-signer';
import { type ServiceContext } from '../service-context';
import { type NewOrder, type OrderRow, type PaymentMethodCode } from './order-repository';
import { findStoredQuote } from './quote-service';
import { applyCoTermPayment, coTermItemsToOrder, coTermMoves } from './co-term-order';
import { supportFor } from '../licenses/customer-support';
import { lapseOverdueOrders } from './lapse';
import { assertRenewable, planAt, termAfter } from './renewal-context';
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

/**
 * What placing an order came to. `fresh` is false for a retry with the same Idempotency-Key, which gets the first
 * answer again (with today's order state). A declined card is an order too (the retry gets the same refusal).
 */
export type OrderOutcome =
  | { kind: 'placed'; answer: OrderResponse; order: OrderRow; fresh: boolean }
  | { kind: 'declined'; order: OrderRow; fresh: boolean };

/** Stored with the order so a retry replays it; `status` 402 marks a declined card in rows from every version. */
type StoredAnswer = { status: number; body: unknown };
const DECLINED: StoredAnswer = {
  status: 402,
  body: { error: { code: 'payment-declined', message: 'the card was declined (sandbox)' } },
};

function replay(existing: OrderRow, nowIso: string): OrderOutcome {
  if (existing.state === 'declined' || existing.response.status === 402)
    return { kind: 'declined', order: existing, fresh: false };
  // The same answer as the first time, except that the order's state is today's (it may have been paid or lapsed).
  const first = existing.response.body as Partial<OrderResponse> | null;
  const answer: OrderResponse = {
    order: orderView(existing),
    license: first?.license ?? null,
    serverTime: first?.serverTime ?? nowIso,
  };
  return { kind: 'placed', answer, order: existing, fresh: false };
}

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
    instructionsMailed: order.instructionsMailedAt !== null,
  };
}

/**
 * Places a renewal order exactly once per Idempotency-Key (SPEC §6: paying twice must be impossible). The whole
 * decision runs in one transaction, and the key is UNIQUE in the database, so concurrent retries either replay the
 * stored answer or are refused; a card is charged at most once. The license is read again inside the transaction, so
 * the term is extended from what the database holds, not from what the request saw.
 */
export async function placeOrder(ctx: ServiceContext, input: PlaceOrderInput): Promise<OrderOutcome> {
  if (!IDEMPOTENCY_KEY.test(input.idempotencyKey)) {
    throw new DomainError('idempotency-key-required', 'send an Idempotency-Key header (8–128 characters)');
  }
  // Card numbers never go into the stored hash (a hash of a card number can be brute-forced): the last four do.
  const cardLast4 = input.card ? input.card.number.replace(/\s/g, '').slice(-4) : null;
  const requestHash = crypto
    .createHash('sha256')
    .update(canonicalJson({ request: input.request, cardLast4 }))
    .digest('hex');
  // Before the transaction, not in it: the sweep reads every pending order, and on PostgreSQL that read would make
  // every two concurrent orders a serialization conflict. An overdue order blocks the next one either way.
  await lapseOverdueOrders(ctx);
  return ctx.store.withTransaction(async (): Promise<OrderOutcome> => {
    const existing = await ctx.orders.findByIdempotencyKey(input.idempotencyKey);
    if (existing) {
      if (existing.requestHash !== requestHash)
        throw new DomainError('idempotency-key-reused', 'this Idempotency-Key was used for another order');
      return replay(existing, ctx.clock().toISOString());
    }
    const now = ctx.clock();
    const nowIso = now.toISOString();
    const today = jstDateOf(nowIso);
    const current = (await ctx.licenses.findById(input.license.id)) ?? input.license;
    await assertRenewable(ctx, current);
    const { quote, coTermPlan } = await findStoredQuote(ctx, current, input.quoteId);
    if (await ctx.orders.liveOrderForQuote(quote.id))
      throw new DomainError('quote-already-ordered', 'this quote has already been ordered; ask for a new quote');
    const method = paymentMethodsFor(ctx.catalog, current.product, current.edition).find((m) => m.code === input.method);
    // A co-terming quote lists the methods every product it renews offers (never account transfer).
    if (!method || (coTermPlan && !quote.paymentMethods.some((m) => m.code === input.method)))
      throw new DomainError('payment-method-not-offered', `${input.method} is not offered for this product`);
    const orderId = crypto.randomUUID();
    // A co-terming order (issue 11) renews every license of its plan, each checked again now; the order row carries
    // this license's part, the items every license's. A single renewal is planned as before.
    const items = coTermPlan ? await coTermItemsToOrder(ctx, orderId, coTermPlan) : null;
    const plan = coTermPlan
      ? { kind: quote.planKind, term: quote.term, months: quote.months }
      : planAt(ctx, current, quote.months, now);
    const mine = items?.find((item) => item.licenseId === current.id);
    const order: NewOrder = {
      id: orderId,
      licenseId: input.license.id,
      quoteId: quote.id,
      idempotencyKey: input.idempotencyKey,
      requestHash,
      method: input.method,
      state: 'pending',
      amountYen: quote.totalYen,
      months: quote.months,
      options: quote.options,
      termStart: mine?.renewal === 'none' ? null : plan.term.start,
      termEnd: mine?.renewal === 'none' ? null : plan.term.end,
      dueOn: method.unpaidOrderDueDays ? addDays(today, method.unpaidOrderDueDays) : null,
      placedOnTermEnd: current.termEnd,
      response: { status: 0, body: null },
      createdAt: nowIso,
    };

    let license: LicenseRow | null = null;
    if (input.method === 'card') {
      const card = input.card ? checkCard(input.card, today) : ({ ok: false, code: 'card-invalid' } as const);
      if (!card.ok) throw new DomainError('card-invalid', 'card number or expiry is not valid');
      // A co-terming order is charged only when every license it renews can move today (all or nothing).
      const refused = items ? await coTermMoves(ctx, items, today) : [];
      if (typeof refused === 'string') throw new DomainError('quote-expired', `${refused}; ask for a new quote`);
      const outcome = sandboxCharge(input.card!.number);
      order.state = outcome === 'succeeded' ? 'paid' : 'declined';
      order.paidOn = outcome === 'succeeded' ? today : null;
      order.dueOn = null;
      await ctx.orders.insert(order, nowIso);
      if (items) await ctx.orders.insertItems(items);
      await ctx.orders.recordPayment(
        order.id,
        { method: 'card', amountYen: order.amountYen, outcome, reference: `card-${card.last4}` },
        nowIso,
      );
      if (outcome === 'succeeded') {
        if (items) {
          // All or nothing: a license that cannot move undoes the charge and every other move with it.
          const refused = await applyCoTermPayment(ctx, order.id, today);
          if (refused) throw new DomainError('quote-expired', `${refused}; ask for a new quote`);
        } else await ctx.licenses.setTerm(current.id, termAfter(current, plan), quote.options, nowIso);
        license = await ctx.licenses.findById(current.id);
      }
    } else {
      await ctx.orders.insert(order, nowIso);
      if (items) await ctx.orders.insertItems(items);
    }

    const stored = (await ctx.orders.findById(order.id))!;
    if (stored.state === 'declined') {
      await ctx.orders.update(stored.id, { state: stored.state, response: DECLINED }, nowIso);
      return { kind: 'declined', order: (await ctx.orders.findById(stored.id))!, fresh: true };
    }
    const answer: OrderResponse = {
      order: orderView(stored),
      license:
        license && input.device
          ? signLicense(ctx.key, license, input.device, now, ctx.config.leaseDays, await supportFor(ctx, license))
          : null,
      serverTime: nowIso,
    };
    await ctx.orders.update(stored.id, { state: stored.state, response: { status: 201, body: answer } }, nowIso);
    return { kind: 'placed', answer, order: (await ctx.orders.findById(stored.id))!, fresh: true };
  });
}
