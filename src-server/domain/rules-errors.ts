import { isLicensingError } from '../../src-shared/licensing';
import { type ErrorCode } from '../../src-shared/contracts/error-codes';
import { DomainError, type ErrorDetails } from './domain-error';

/** The service's code for a refusal of the shared rules engine (src-shared/licensing). */
const RULE_CODES: Record<string, ErrorCode> = {
  'unknown-product': 'unknown-product',
  'unknown-edition': 'unknown-product',
  'months-not-allowed': 'months-not-allowed',
  'option-not-removable': 'option-not-removable',
  'unknown-option': 'unknown-option',
  'duplicate-option': 'duplicate-option',
  'renewal-not-open': 'renewal-not-open',
  'renewal-not-offered': 'repurchase-required',
  'resumption-period-over': 'repurchase-required',
};

/**
 * What a failure means to a customer: a DomainError as is, a rules-engine refusal as the service's DomainError,
 * anything else null (a bug: logged, answered as internal). The one place rule errors are converted.
 */
export function asDomainError(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  if (!isLicensingError(error)) return null;
  const details = Object.keys(error.details).length > 0 ? ({ ...error.details } as ErrorDetails) : undefined;
  return new DomainError(RULE_CODES[error.code] ?? 'invalid-request', error.message, details);
}
