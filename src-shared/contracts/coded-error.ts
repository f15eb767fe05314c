import { type ErrorCode } from './error-codes';

/** A failure with a stable code from error-codes.ts; every layer throws this and maps the code to words only at the edge. */
export class CodedError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = code,
    readonly details?: Record<string, string | number>,
  ) {
    super(message);
    this.name = 'CodedError';
  }
}
