import { termRulesFor } from '../../src-shared/catalog';
import { addDays, isPastResumptionDeadline, jstInstantAt } from '../../src-shared/licensing';
import { DomainError } from '../domain/domain-error';
import { type LicenseRow } from '../licenses/license-repository';
import { type ServiceContext } from '../service-context';
import { type OrderItemRow } from './order-repository';
import { type CoTermPlan } from './quote-repository';
import { assertRenewable } from './renewal-context';

/**
 * Before a co-terming order is placed (inside its transaction): every license the quote renews is read again and
 * must still be as quoted (same end, nothing unsettled), so one order never renews a license twice. Returns the
 * order's items.
 */
export async function coTermItemsToOrder(ctx: ServiceContext, orderId: string, plan: CoTermPlan): Promise<OrderItemRow[]> {
  const items: OrderItemRow[] = [];
  for (const item of plan.items) {
    const license = await ctx.licenses.findById(item.licenseId);
    if (!license || license.termEnd !== item.currentEnd || license.state === 'revoked' || license.state === 'cancelled')
      throw new DomainError('quote-expired', 'a license of this quote changed since it was quoted; ask for a new quote');
    await assertRenewable(ctx, license);
    items.push({
      orderId,
      licenseId: item.licenseId,
      renewal: item.renewal,
      months: item.months,
      options: item.options,
      amountYen: item.amountYen,
      placedOnTermEnd: item.currentEnd,
      commonEnd: plan.commonEnd,
      termStart: null,
      termEnd: null,
    });
  }
  return items;
}

type Move = {
  license: LicenseRow;
  item: OrderItemRow;
  term: { start: string; end: string };
  added: { start: string; end: string };
};

/** Where one license's term goes when the order is paid on `paidOn`, or why it cannot (a reason for support). */
function moveFor(ctx: ServiceContext, license: LicenseRow, item: OrderItemRow, paidOn: string): Move | string {
  if (license.termEnd !== item.placedOnTermEnd)
    return `license ${license.number} changed since the order was placed (end ${item.placedOnTermEnd} → ${license.termEnd})`;
  if (item.commonEnd < paidOn) return `paid on ${paidOn}, after the common end ${item.commonEnd}`;
  if (paidOn <= license.termEnd) {
    // Continuous: the start stays, the end moves to the common end (as termAfter does for one license).
    return {
      license,
      item,
      term: { start: license.termStart, end: item.commonEnd },
      added: { start: addDays(license.termEnd, 1), end: item.commonEnd },
    };
  }
  const rules = termRulesFor(ctx.catalog, license.product, license.edition);
  if (isPastResumptionDeadline(rules, license.termEnd, jstInstantAt(paidOn, 0)))
    return `license ${license.number}: the resumption period ended before the payment on ${paidOn}`;
  // Resumption: active from the payment day (seed 003), to the common end. The months charged were counted from the
  // quote day; a later payment month needs no more of them to reach the same end.
  const term = { start: paidOn, end: item.commonEnd };
  return { license, item, term, added: term };
}

/** Where every license of the order goes if paid on `paidOn`, or why one cannot (then none may). */
export async function coTermMoves(ctx: ServiceContext, items: readonly OrderItemRow[], paidOn: string): Promise<Move[] | string> {
  const moves: Move[] = [];
  for (const item of items) {
    if (item.renewal === 'none') continue;
    const license = (await ctx.licenses.findById(item.licenseId))!;
    const move = moveFor(ctx, license, item, paidOn);
    if (typeof move === 'string') return move;
    moves.push(move);
  }
  return moves;
}

/**
 * A co-terming order was paid on `paidOn` (JST): every license it renews moves to the common end — or, when any one
 * cannot, none does and the reason is returned for support. Call inside the transaction that records the payment,
 * so the moves and the payment commit together.
 */
export async function applyCoTermPayment(ctx: ServiceContext, orderId: string, paidOn: string): Promise<string | null> {
  const moves = await coTermMoves(ctx, await ctx.orders.itemsOf(orderId), paidOn);
  if (typeof moves === 'string') return moves;
  const nowIso = ctx.clock().toISOString();
  for (const move of moves) {
    await ctx.licenses.setTerm(move.license.id, move.term, move.item.options, nowIso);
    await ctx.orders.setItemTerm(orderId, move.license.id, move.added);
  }
  // The order row shows the part of the license it was placed from, as a single order's does.
  const orderLicense = (await ctx.orders.findById(orderId))?.licenseId;
  const own = moves.find((move) => move.license.id === orderLicense);
  if (own) await ctx.orders.update(orderId, { state: 'paid', termStart: own.added.start, termEnd: own.added.end }, nowIso);
  return null;
}
