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
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorBody = { error: { code: ErrorCode; message: string } };

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
