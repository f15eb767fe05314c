import { type FastifyBaseLogger } from 'fastify';
import { findProduct, supportContactFor } from '../../src-shared/catalog';
import { type LicenseRow } from '../licenses/license-repository';
import { bankTransferInstructionsMail, MAIL_KINDS } from '../mail/templates';
import { type ServiceContext } from '../service-context';
import { type OrderRow } from './order-repository';
import { PAYEE_ACCOUNT, transferReference } from './transfer-instructions';

/**
 * Bank-transfer instructions also go by mail (seed 000), to the registered address. Sent after the order is
 * committed and awaited, so the answer can say whether it went: the transport's acceptance is recorded on the order
 * (`instructions_mailed_at`), and the page and the app claim a mail only then. A mail failure is logged and never
 * undoes the order, whose instructions are on screen too. Resolves to whether the mail was sent.
 */
export async function notifyOrderPlaced(
  ctx: ServiceContext,
  license: LicenseRow,
  order: OrderRow,
  log: FastifyBaseLogger,
): Promise<boolean> {
  if (order.method !== 'bank-transfer' || order.state !== 'pending' || !order.dueOn) return false;
  if (order.instructionsMailedAt !== null) return true;
  const customer = license.customerId ? await ctx.customers.find(license.customerId) : null;
  const to = (await ctx.licenses.registeredEmail(license.id)) ?? customer?.email ?? null;
  if (!to) {
    log.warn({ orderId: order.id }, 'no e-mail address for transfer instructions');
    return false;
  }
  const product = findProduct(ctx.catalog, license.product);
  const mail = bankTransferInstructionsMail({
    vendorName: ctx.catalog.vendor.name,
    customerName: customer?.name ?? null,
    productName: product.name,
    orderId: transferReference(order.id),
    amountYen: order.amountYen,
    dueOn: order.dueOn,
    payee: PAYEE_ACCOUNT,
    support: supportContactFor(ctx.catalog, license.product, license.edition),
  });
  try {
    await ctx.mail.send({ to, ...mail, kind: MAIL_KINDS.bankTransferInstructions });
  } catch (error) {
    log.error({ err: error, orderId: order.id }, 'mail failed');
    return false;
  }
  await ctx.orders.markInstructionsMailed(order.id, ctx.clock().toISOString());
  return true;
}
