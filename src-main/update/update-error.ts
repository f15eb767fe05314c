import { type ErrorCode, isErrorCode } from '../../src-shared/contracts/error-codes';

const NETWORK_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/**
 * The stable code for an updater failure. The service's refusals carry their own code (`{ error: { code } }`), which
 * electron-updater keeps in the HttpError's message ("Data: …") and the browser updater reads from the body; a
 * connection failure is `service-unreachable`; a checksum mismatch is told apart because its remedy differs.
 */
export function updateErrorCode(error: unknown): ErrorCode {
  if (error !== null && typeof error === 'object') {
    const coded = (error as { code?: unknown }).code;
    if (isErrorCode(coded)) return coded;
    if (typeof coded === 'string' && NETWORK_ERRORS.has(coded)) return 'service-unreachable';
    const cause = (error as { cause?: unknown }).cause;
    if (cause && cause !== error) {
      const fromCause = updateErrorCode(cause);
      if (fromCause !== 'update-failed') return fromCause;
    }
  }
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const serviceCode = /"code"\s*:\s*"([a-z0-9-]+)"/.exec(text)?.[1];
  if (isErrorCode(serviceCode)) return serviceCode;
  if (/sha512 checksum mismatch|checksum mismatch/i.test(text)) return 'update-checksum-mismatch';
  if (/\b(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)\b|net::ERR_/.test(text))
    return 'service-unreachable';
  return 'update-failed';
}
