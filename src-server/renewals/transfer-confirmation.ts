import { jstDateOf } from '../../src-shared/licensing';
import { HttpError } from '../http/http-error';
import { type ServiceContext } from '../service-context';
import { type OrderRow } from './order-repository';
import { planFor, termAfter } from './renewal-context';

export type ConfirmationResult = { order: OrderRow; outcome: 'paid' | 'needs-support'; reason: string | null };

/**
 * The vendor records money received for a bank or account transfer (admin CLI). The exact amount for a pending
 * order extends the term, counted from the payment date (a late payment becomes a resumption); any other
 * amount, or money for an order that already lapsed or was settled, goes to support instead (SPEC §6).
 */
export function confirmTransfer(ctx: ServiceContext, orderId: string, receivedYen: number): ConfirmationResult {
  if (!Number.isInteger(receivedYen) || receivedYen <= 0) throw new RangeError('the amount received must be a positive number of yen');
  return ctx.db.transaction((): ConfirmationResult => {
    const order = ctx.orders.findById(orderId);
    if (!order) throw new HttpError(404, 'order-not-found', 'no such order');
    if (order.method === 'card') throw new HttpError(400, 'invalid-request', 'card orders are settled by the payment provider');
    const now = ctx.clock();
    const nowIso = now.toISOString();
    const toSupport = (reason: string): ConfirmationResult => {
      ctx.orders.update(order.id, { state: 'needs-support', receivedYen }, nowIso);
      return { order: ctx.orders.findById(order.id)!, outcome: 'needs-support', reason };
    };
    if (order.state === 'paid') return toSupport('paid twice: this order was already settled');
    if (order.state === 'lapsed') return toSupport(`payment after the order lapsed on ${order.dueOn ?? '?'}`);
    if (order.state !== 'pending') return toSupport(`order is ${order.state}`);
    if (receivedYen > order.amountYen) return toSupport(`overpaid by ¥${receivedYen - order.amountYen}`);
    if (receivedYen < order.amountYen) return toSupport(`underpaid by ¥${order.amountYen - receivedYen}`);

    const license = ctx.licenses.findById(order.licenseId)!;
    let plan;
    try {
      plan = planFor(ctx, license, order.months, now);
    } catch {
      return toSupport(`payment on ${jstDateOf(nowIso)} is past the resumption deadline`);
    }
    ctx.orders.recordPayment(order.id, { method: order.method, amountYen: receivedYen, outcome: 'received', reference: null }, nowIso);
    ctx.orders.update(order.id, { state: 'paid', termStart: plan.term.start, termEnd: plan.term.end, receivedYen }, nowIso);
    ctx.licenses.setTerm(license.id, termAfter(license, plan), order.options, nowIso);
    if (order.method === 'account-transfer') ctx.licenses.setAutoRenew(license.id, true, nowIso);
    return { order: ctx.orders.findById(order.id)!, outcome: 'paid', reason: null };
  })();
}
