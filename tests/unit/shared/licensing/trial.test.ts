import { describe, expect, it } from 'vitest';
import { daysRemaining, trialTerm } from '../../../../src-shared/licensing';
import { expectLicensingError } from './expect-licensing-error';

describe('trial term (seed 001)', () => {
  it('gives 30 full days after the day the terms were accepted', () => {
    expect(trialTerm('2024-01-01T01:00:00Z', 30)).toEqual({ start: '2024-01-01', end: '2024-01-31' });
    expect(trialTerm('2024-02-10T23:30:00+09:00', 30)).toEqual({ start: '2024-02-10', end: '2024-03-11' });
  });

  it('counts the acceptance in JST', () => {
    // 2024-01-31 16:00 UTC is already 02-01 in Tokyo.
    expect(trialTerm('2024-01-31T16:00:00Z', 30).start).toBe('2024-02-01');
    expect(trialTerm('2024-01-31T14:59:59Z', 30).start).toBe('2024-01-31');
  });

  it('leaves 30 days on the acceptance day', () => {
    const accepted = '2024-05-20T10:00:00+09:00';
    expect(daysRemaining(trialTerm(accepted, 30).end, accepted)).toBe(30);
  });

  it('rejects a non-positive trial length', () => {
    expectLicensingError(() => trialTerm('2024-01-01T00:00:00Z', 0), 'invalid-term-rules');
  });
});
