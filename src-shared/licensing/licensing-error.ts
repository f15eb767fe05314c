/**
 * Every failure of the rules engine carries one of these codes. They are stable. The license service turns the
 * ones a customer can meet (months-not-allowed, renewal-not-open, …) into its HTTP error codes, which the UI maps
 * to messages (src-server/http/licensing-errors.ts); the rest are programming or data errors.
 */
export const LICENSING_ERROR_CODES = [
  'invalid-date',
  'invalid-instant',
  'invalid-months',
  'invalid-term-rules',
  'invalid-coverage-input',
  'invalid-tax-rate',
  'months-not-allowed',
  'option-not-removable',
  'unknown-option',
  'duplicate-option',
  'coverage-required',
  'coverage-mismatch',
  'unknown-product',
  'unknown-edition',
  'renewal-not-offered',
  'renewal-not-open',
  'resumption-period-over',
  'no-business-day-in-month',
] as const;

export type LicensingErrorCode = (typeof LICENSING_ERROR_CODES)[number];

/** Values a message may interpolate, e.g. `{ opensOn: '2020-08-01' }` for `renewal-not-open`. */
export type LicensingErrorDetails = Readonly<Record<string, string | number>>;

export class LicensingError extends Error {
  override readonly name = 'LicensingError';

  constructor(
    readonly code: LicensingErrorCode,
    message: string,
    readonly details: LicensingErrorDetails = {},
  ) {
    super(`${code}: ${message}`);
  }
}

export function isLicensingError(value: unknown): value is LicensingError {
  return value instanceof LicensingError;
}
