import { type ErrorCode } from '../../src-shared/contracts/error-codes';

export type ErrorDetails = Record<string, string | number>;

/**
 * The one error type the service's domain code throws: a stable code (which the apps map to words) and what the UI
 * needs to say more. It knows nothing of HTTP; src-server/http/error-status.ts maps codes to statuses in one place.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get body(): { error: { code: ErrorCode; message: string; details?: ErrorDetails } } {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}
