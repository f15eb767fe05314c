// Stable error codes shared by the license service, the main process and the renderer. The UI maps each to a
// message in the catalogs (messages/ja.ts, messages/en.ts); a test checks every code has one.
export const ERROR_CODES = [
  'invalid-request',
  'not-found',
  'internal',
  'license-number-format',
  'license-number-check',
  'unknown-license',
  'product-mismatch',
  'moved',
  'revoked',
  'cancelled',
  'rate-limited',
  'service-unreachable',
  'service-bad-response',
  'license-signature-invalid',
  'stored-license-invalid',
  'database-too-new',
  'not-activated',
  'unknown-product',
  'registration-invalid',
  'registration-required',
  'trial-not-offered',
  'trial-already-used',
  'renewal-not-open',
  'repurchase-required',
  'months-not-allowed',
  'option-not-removable',
  'unknown-option',
  'duplicate-option',
  'quote-not-found',
  'quote-expired',
  'quote-already-ordered',
  'payment-method-not-offered',
  'previous-renewal-unpaid',
  'idempotency-key-required',
  'idempotency-key-reused',
  'card-invalid',
  'payment-declined',
  'order-not-found',
  'update-token-required',
  'update-token-invalid',
  'update-not-covered',
  'support-suspended',
  'co-term-not-offered',
  'database-recovered',
  'database-locked',
  'database-unreadable',
  'payload-too-large',
  'update-failed',
  'update-checksum-mismatch',
  'update-not-ready',
  'insecure-service-url',
  'diagnostics-not-saved',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** `details` carries what the UI needs to say more, e.g. `opensOn` for renewal-not-open. */
export type ErrorBody = { error: { code: ErrorCode; message: string; details?: Record<string, string | number> } };

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
