import { isCalendarDate, isLicensingError, jstDateOf, jstInstantAt } from '../../src-shared/licensing';
import { DomainError } from '../domain/domain-error';
import { type ServiceContext } from '../service-context';
import { lapseOverdueOrders } from './lapse';
import { type OrderRow } from './order-repository';
import { applyCoTermPayment } from './co-term-order';
import { planAt, termAfter } from './renewal-context';
import { isYenAmount, MAX_YEN } from './yen-amount';

export type ConfirmationResult = { order: OrderRow; outcome: 'paid' | 'needs-support'; reason: string | null };

/** The day money arrived (or left, for a refund): a real date, not in the future; default today (JST). */
function arrivalDay(ctx: ServiceContext, receivedOn: string | undefined): { arrived: string; nowIso: string } {
  const nowIso = ctx.clock().toISOString();
  const arrived = receivedOn ?? jstDateOf(nowIso);
  // A typo must be refused here, before the order is touched, not turn a good payment into a support case.
  if (!isCalendarDate(arrived) || arrived > jstDateOf(nowIso))
    throw new RangeError(`the day received must be a real date, not in the future: ${arrived}`);
  return { arrived, nowIso };
}

async function transferOrder(ctx: ServiceContext, orderId: string, arrived: string): Promise<OrderRow> {
  const order = await ctx.orders.findById(orderId);
  if (!order) throw new DomainError('order-not-found', 'no such order');
  if (order.method === 'card') throw new DomainError('invalid-request', 'card orders are settled by the payment provider');
  if (arrived < jstDateOf(order.createdAt))
    throw new RangeError(`money for this order cannot have arrived on ${arrived}, before it was placed`);
  return order;
}

/**
 * The vendor records money received for a bank or account transfer (admin CLI). Every receipt is its own row in the
 * order's payments ledger, and what counts is their sum. What counts as the payment day is the day the money
 * arrived (seed 003: 「ご入金のあった日」), not the day the vendor books it: the exact amount in all, received by the
 * due date, pays the order and extends the term from that day (a late payment becomes a resumption). Any other sum,
 * money after the due date, or money for a settled order goes to support instead, never a silent state (SPEC §6).
 */
export async function confirmTransfer(
  ctx: ServiceContext,
  orderId: string,
  receivedYen: number,
  receivedOn?: string,
): Promise<ConfirmationResult> {
  if (!isYenAmount(receivedYen)) throw new RangeError(`the amount received must be whole yen from 1 to ${MAX_YEN}`);
  const { arrived, nowIso } = arrivalDay(ctx, receivedOn);
  return ctx.store.withTransaction(async (): Promise<ConfirmationResult> => {
    const order = await transferOrder(ctx, orderId, arrived);
    // Recorded whatever it turns out to mean: the ledger is the history support works from.
    await ctx.orders.recordPayment(
      order.id,
      {
        method: order.method,
        amountYen: receivedYen,
        outcome: 'received',
        reference: `transfer ${arrived}`,
        receivedOn: arrived,
      },
      nowIso,
    );
    const total = (await ctx.orders.findById(order.id))!.receivedYen ?? 0;
    const toSupport = async (reason: string): Promise<ConfirmationResult> => {
      if (order.state !== 'needs-support') await ctx.orders.update(order.id, { state: 'needs-support' }, nowIso);
      return { order: (await ctx.orders.findById(order.id))!, outcome: 'needs-support', reason };
    };
    if (order.state === 'paid') return await toSupport('paid twice: this order was already settled');
    if (order.state !== 'pending' && order.state !== 'lapsed')
      return await toSupport(`order is ${order.state}; ¥${total} of ¥${order.amountYen} received in all`);
    if (order.dueOn !== null && arrived > order.dueOn)
      return await toSupport(`payment on ${arrived} after the order lapsed on ${order.dueOn}`);
    if (total > order.amountYen) return await toSupport(`overpaid by ¥${total - order.amountYen} (¥${total} received in all)`);
    if (total < order.amountYen) return await toSupport(`underpaid by ¥${order.amountYen - total} (¥${total} received in all)`);

    if ((await ctx.orders.itemsOf(order.id)).length > 0) {
      // A co-terming order (issue 11): every license moves, or none does and support decides.
      const refused = await applyCoTermPayment(ctx, order.id, arrived);
      if (refused) return await toSupport(refused);
      await ctx.orders.update(order.id, { state: 'paid', paidOn: arrived }, nowIso);
      return { order: (await ctx.orders.findById(order.id))!, outcome: 'paid', reason: null };
    }
    const license = (await ctx.licenses.findById(order.licenseId))!;
    let plan;
    try {
      // Money that arrived during a day counts for that whole day (before any cut-off hour).
      plan = planAt(ctx, license, order.months, new Date(jstInstantAt(arrived, 0)));
    } catch (error) {
      return await toSupport(isLicensingError(error) ? error.message : String(error));
    }
    await ctx.orders.update(
      order.id,
      { state: 'paid', termStart: plan.term.start, termEnd: plan.term.end, paidOn: arrived },
      nowIso,
    );
    await ctx.licenses.setTerm(license.id, termAfter(license, plan), order.options, nowIso);
    if (order.method === 'account-transfer') await ctx.licenses.setAutoRenew(license.id, true, nowIso);
    return { order: (await ctx.orders.findById(order.id))!, outcome: 'paid', reason: null };
  });
}

/**
 * The vendor paid money back (an overpayment, a payment twice): its own ledger row, so the order's received sum
 * drops and the history stays. It never changes the order's state; support decides that (clearOrder).
 */
export async function recordRefund(
  ctx: ServiceContext,
  orderId: string,
  refundYen: number,
  refundedOn?: string,
): Promise<OrderRow> {
  if (!isYenAmount(refundYen)) throw new RangeError(`the amount refunded must be whole yen from 1 to ${MAX_YEN}`);
  const { arrived, nowIso } = arrivalDay(ctx, refundedOn);
  return ctx.store.withTransaction(async () => {
    const order = await transferOrder(ctx, orderId, arrived);
    const received = order.receivedYen ?? 0;
    if (refundYen > received) throw new RangeError(`cannot refund ¥${refundYen}: only ¥${received} was received for this order`);
    await ctx.orders.recordPayment(
      order.id,
      { method: order.method, amountYen: refundYen, outcome: 'refunded', reference: `refund ${arrived}`, receivedOn: arrived },
      nowIso,
    );
    return (await ctx.orders.findById(order.id))!;
  });
}

/**
 * Support settled the case (money refunded, or the customer will not pay): a lapsed or needs-support order stops
 * blocking the license's next renewal (seed 000). Pending and paid orders are not the desk's to clear.
 */
export async function clearOrder(ctx: ServiceContext, orderId: string, note: string): Promise<OrderRow> {
  return ctx.store.withTransaction(async () => {
    // A pending order past its due date is lapsed (and clearable) even if only a validation has seen it since.
    await lapseOverdueOrders(ctx);
    const order = await ctx.orders.findById(orderId);
    if (!order) throw new DomainError('order-not-found', 'no such order');
    if (order.state !== 'lapsed' && order.state !== 'needs-support')
      throw new RangeError(`only a lapsed or needs-support order can be cleared; this one is ${order.state}`);
    if (order.clearedAt) return order;
    await ctx.orders.clear(order.id, note, ctx.clock().toISOString());
    return (await ctx.orders.findById(order.id))!;
  });
}
