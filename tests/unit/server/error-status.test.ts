import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../src-shared/contracts/error-codes';
import { LicensingError } from '../../../src-shared/licensing/licensing-error';
import { DomainError } from '../../../src-server/domain/domain-error';
import { asDomainError } from '../../../src-server/domain/rules-errors';
import { statusFor } from '../../../src-server/http/error-status';

describe('domain errors and their one mapping to HTTP', () => {
  it('gives every code a client or server error status', () => {
    for (const code of ERROR_CODES) {
      const status = statusFor(code);
      expect(status >= 400 && status < 600, code).toBe(true);
    }
    expect(
      [
        'payment-declined',
        'idempotency-key-reused',
        'quote-expired',
        'previous-renewal-unpaid',
        'rate-limited',
        'payload-too-large',
      ].map((code) => statusFor(code as never)),
    ).toEqual([402, 422, 410, 409, 429, 413]);
  });

  it('answers every refusal of the license with 403 on an access check (the update feed), and only there', () => {
    for (const code of ['unknown-license', 'moved', 'revoked', 'cancelled'] as const)
      expect([statusFor(code), statusFor(code, { accessCheck: true })]).toEqual([
        code === 'revoked' || code === 'cancelled' ? 403 : code === 'moved' ? 409 : 404,
        403,
      ]);
    expect(statusFor('update-token-invalid', { accessCheck: true })).toBe(401);
  });

  it('converts rules-engine refusals once, keeping what the UI needs (opensOn)', () => {
    const notOpen = asDomainError(new LicensingError('renewal-not-open', 'not yet', { opensOn: '2026-11-30' }));
    expect(notOpen).toBeInstanceOf(DomainError);
    expect(notOpen?.body).toEqual({
      error: { code: 'renewal-not-open', message: 'renewal-not-open: not yet', details: { opensOn: '2026-11-30' } },
    });
    expect(asDomainError(new LicensingError('resumption-period-over', 'too late'))?.body).toEqual({
      error: { code: 'repurchase-required', message: 'resumption-period-over: too late' },
    });
    expect(asDomainError(new TypeError('a bug'))).toBeNull();
  });
});
