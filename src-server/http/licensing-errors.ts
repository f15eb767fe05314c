import { isLicensingError } from '../../src-shared/licensing';
import { HttpError } from './http-error';

/** Turns a rules-engine refusal into the service's stable HTTP error; anything else is rethrown. */
export function toHttpError(error: unknown): never {
  if (!isLicensingError(error)) throw error;
  const details = error.details as Record<string, string | number> | undefined;
  switch (error.code) {
    case 'unknown-product':
    case 'unknown-edition':
      throw new HttpError(404, 'unknown-product', error.message);
    case 'months-not-allowed':
    case 'option-not-removable':
    case 'unknown-option':
    case 'duplicate-option':
      throw new HttpError(400, error.code, error.message, details);
    case 'renewal-not-open':
      throw new HttpError(409, 'renewal-not-open', error.message, details);
    case 'renewal-not-offered':
    case 'resumption-period-over':
      throw new HttpError(409, 'repurchase-required', error.message, details);
    default:
      throw new HttpError(400, 'invalid-request', error.message);
  }
}
