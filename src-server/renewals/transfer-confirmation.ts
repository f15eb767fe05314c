import { isCalendarDate, isLicensingError, jstDateOf, jstInstantAt } from '../../src-shared/licensing';
import { HttpError } from '../http/http-error';
import { type ServiceContext } from '../service-context';
import { type OrderRow } from './order-repository';
import { planAt, termAfter } from './renewal-context';

export type ConfirmationResult = { order: OrderRow; outcome: 'paid' | 'needs-support'; reason: string | null };

/**
 * The vendor records money received for a bank or account transfer (admin CLI). What counts is the day the money
 * arrived (seed 003: 「ご入金のあった日」), not the day the vendor books it: the exact amount, received by the due
 * date, pays the order and extends the term from that day (a late payment becomes a resumption). Any other amount,
 * money after the due date, or money for a settled order goes to support instead, never a silent state (SPEC §6).
 */
export function confirmTransfer(
  ctx: ServiceContext,
  orderId: string,
  receivedYen: number,
  receivedOn?: string,
): ConfirmationResult {
  if (!Number.isInteger(receivedYen) || receivedYen <= 0)
    throw new RangeError('the amount received must be a positive number of yen');
  const nowIso = ctx.clock().toISOString();
  const arrived = receivedOn ?? jstDateOf(nowIso);
  // A typo must be refused here, before the order is touched, not turn a good payment into a support case.
  if (!isCalendarDate(arrived) || arrived > jstDateOf(nowIso))
    throw new RangeError(`the day received must be a real date, not in the future: ${arrived}`);
  return ctx.db.transaction((): ConfirmationResult => {
    const order = ctx.orders.findById(orderId);
    if (!order) throw new HttpError(404, 'order-not-found', 'no such order');
    if (order.method === 'card') throw new HttpError(400, 'invalid-request', 'card orders are settled by the payment provider');
    if (arrived < jstDateOf(order.createdAt))
      throw new RangeError(`money for this order cannot have arrived on ${arrived}, before it was placed`);
    const toSupport = (reason: string): ConfirmationResult => {
      ctx.orders.update(order.id, { state: 'needs-support', receivedYen }, nowIso);
      return { order: ctx.orders.findById(order.id)!, outcome: 'needs-support', reason };
    };
    if (order.state === 'paid') return toSupport('paid twice: this order was already settled');
    if (order.state !== 'pending' && order.state !== 'lapsed') return toSupport(`order is ${order.state}`);
    if (order.dueOn !== null && arrived > order.dueOn)
      return toSupport(`payment on ${arrived} after the order lapsed on ${order.dueOn}`);
    if (receivedYen > order.amountYen) return toSupport(`overpaid by ¥${receivedYen - order.amountYen}`);
    if (receivedYen < order.amountYen) return toSupport(`underpaid by ¥${order.amountYen - receivedYen}`);

    const license = ctx.licenses.findById(order.licenseId)!;
    let plan;
    try {
      // Money that arrived during a day counts for that whole day (before any cut-off hour).
      plan = planAt(ctx, license, order.months, new Date(jstInstantAt(arrived, 0)));
    } catch (error) {
      return toSupport(isLicensingError(error) ? error.message : String(error));
    }
    ctx.orders.recordPayment(
      order.id,
      { method: order.method, amountYen: receivedYen, outcome: 'received', reference: arrived },
      nowIso,
    );
    ctx.orders.update(order.id, { state: 'paid', termStart: plan.term.start, termEnd: plan.term.end, receivedYen }, nowIso);
    ctx.licenses.setTerm(license.id, termAfter(license, plan), order.options, nowIso);
    if (order.method === 'account-transfer') ctx.licenses.setAutoRenew(license.id, true, nowIso);
    return { order: ctx.orders.findById(order.id)!, outcome: 'paid', reason: null };
  })();
}
