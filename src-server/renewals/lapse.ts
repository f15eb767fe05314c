import { jstDateOf } from '../../src-shared/licensing';
import { type ServiceContext } from '../service-context';

/**
 * Unpaid orders past their due date lapse (SPEC §6). Run before anything reads an order's state — quotes, orders,
 * order status, the update gate, reminders, the desk — so the state is right whenever anyone looks, without a
 * timer. The validation (every device, in the background) does not write: its one read reports a pending order past
 * its due date as lapsed (LicenseRepository.findByNumberWithRenewal), and the next of these paths writes it.
 */
export function lapseOverdueOrders(ctx: ServiceContext): Promise<number> {
  const nowIso = ctx.clock().toISOString();
  return ctx.orders.lapseOverdue(jstDateOf(nowIso), nowIso);
}
