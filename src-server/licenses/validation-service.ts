import { type LicenseResponse, type PlacedRenewal, type ValidationRequest } from '../../src-shared/contracts/http';
import { jstDateAt } from '../../src-shared/licensing';
import { extendAutoRenewing, type RenewalLog } from '../renewals/auto-renewal';
import { type ServiceContext } from '../service-context';
import { licenseAndRenewalForDevice } from './device-check';
import { signedAnswer, type Signing } from './license-answer';
import { type UnsettledRenewal } from './license-repository';

/**
 * The license's latest renewal that is not settled — pending, lapsed unpaid (and not since superseded by a paid
 * order), or with support — so the app can say so (seed 000); null when there is none. A pending order past its due
 * date is reported lapsed as of today without a write on this read path (see licenseAndRenewalForDevice).
 */
function placedRenewal(order: UnsettledRenewal | null): PlacedRenewal | null {
  if (!order || order.state === 'paid' || order.state === 'declined') return null;
  return { orderId: order.id, state: order.state, method: order.method, dueOn: order.dueOn };
}

/**
 * The background check a device makes (POST /v1/validations): a fresh lease, an extension for auto-renewing
 * licenses, or a typed refusal (DomainError). Runs in the service's process or in a validation worker alike.
 */
export async function validateDevice(
  ctx: ServiceContext,
  body: ValidationRequest,
  log: RenewalLog,
  signing: Signing = 'thread-pool',
): Promise<LicenseResponse> {
  const question = { licenseNumber: body.licenseNumber, product: body.product, device: body.device };
  const today = jstDateAt(ctx.clock());
  const found = await licenseAndRenewalForDevice(ctx, question, today);
  const renewed = await extendAutoRenewing(ctx, found.license, log);
  // An automatic renewal just placed (once a term) may have superseded a lapsed order: read the renewal again.
  const { renewal } = renewed === found.license ? found : await licenseAndRenewalForDevice(ctx, question, today);
  return { ...(await signedAnswer(ctx, renewed, body.device, signing)), renewal: placedRenewal(renewal) };
}
