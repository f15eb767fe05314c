import { type FastifyBaseLogger } from 'fastify';
import { findProduct, supportContactFor } from '../../src-shared/catalog';
import { type LicenseRow } from '../licenses/license-repository';
import { bankTransferInstructionsMail, MAIL_KINDS } from '../mail/templates';
import { type ServiceContext } from '../service-context';
import { type OrderRow } from './order-repository';
import { PAYEE_ACCOUNT, transferReference } from './transfer-instructions';

/**
 * Bank-transfer instructions also go by mail (seed 000), to the registered address. Sent after the order is
 * committed; a mail failure is logged and never undoes the order, whose instructions are on screen too.
 */
export function notifyOrderPlaced(ctx: ServiceContext, license: LicenseRow, order: OrderRow, log: FastifyBaseLogger): void {
  if (order.method !== 'bank-transfer' || order.state !== 'pending' || !order.dueOn) return;
  const customer = license.customerId ? ctx.customers.find(license.customerId) : null;
  const to = ctx.licenses.registeredEmail(license.id) ?? customer?.email ?? null;
  if (!to) {
    log.warn({ orderId: order.id }, 'no e-mail address for transfer instructions');
    return;
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
  ctx.mail
    .send({ to, ...mail, kind: MAIL_KINDS.bankTransferInstructions })
    .catch((error: unknown) => log.error({ err: error, orderId: order.id }, 'mail failed'));
}
