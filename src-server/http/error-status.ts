import { type ErrorCode } from '../../src-shared/contracts/error-codes';

/** The HTTP status of every domain error code: the one mapping from the domain to HTTP. Unlisted codes are 400. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  'not-found': 404,
  internal: 500,
  'unknown-license': 404,
  'unknown-product': 404,
  'product-mismatch': 409,
  moved: 409,
  revoked: 403,
  cancelled: 403,
  'rate-limited': 429,
  'payload-too-large': 413,
  'registration-invalid': 404,
  'registration-required': 403,
  'trial-not-offered': 409,
  'trial-already-used': 409,
  'renewal-not-open': 409,
  'repurchase-required': 409,
  'quote-not-found': 404,
  'quote-expired': 410,
  'quote-already-ordered': 409,
  'previous-renewal-unpaid': 409,
  'idempotency-key-reused': 422,
  'payment-declined': 402,
  'order-not-found': 404,
  'update-token-required': 401,
  'update-token-invalid': 401,
  'update-not-covered': 403,
  'support-suspended': 403,
  'co-term-not-offered': 409,
};

/** Refusals of the license itself; on the update feed (an access check) they are all 403 Forbidden. */
const LICENSE_REFUSALS = new Set<ErrorCode>(['unknown-license', 'moved', 'revoked', 'cancelled']);

export type ErrorStatusContext = { accessCheck?: boolean };

export function statusFor(code: ErrorCode, context: ErrorStatusContext = {}): number {
  if (context.accessCheck && LICENSE_REFUSALS.has(code)) return 403;
  return STATUS[code] ?? 400;
}
