import { describe, expect, it } from 'vitest';
import { planRenewal } from '../../../../src-shared/licensing';
import { expectLicensingError } from './expect-licensing-error';
import { DAY_PACKAGE, MONTH_END_DIRECT } from './rules-fixtures';

const modelling = { ...MONTH_END_DIRECT, kind: 'perpetual' as const };
const desktop = { ...DAY_PACKAGE, kind: 'perpetual' as const };

describe('planRenewal', () => {
  it('renews continuously when paid by the end date (JST)', () => {
    expect(planRenewal(modelling, { currentEnd: '2021-04-30', now: '2021-04-30T14:59:59Z', months: 12 })).toEqual({
      kind: 'continuous',
      term: { start: '2021-05-01', end: '2022-04-30' },
      paidOn: '2021-04-30',
    });
  });

  it('resumes from the payment date once the term has lapsed', () => {
    expect(planRenewal(modelling, { currentEnd: '2021-04-30', now: '2021-04-30T15:00:00Z', months: 12 })).toEqual({
      kind: 'resumption',
      term: { start: '2021-05-01', end: '2022-04-30' },
      paidOn: '2021-05-01',
    });
    expect(planRenewal(modelling, { currentEnd: '2021-04-30', now: '2021-05-31T12:00:00+09:00', months: 12 }).term).toEqual({
      start: '2021-05-31',
      end: '2022-04-30',
    });
    expect(planRenewal(desktop, { currentEnd: '2021-04-30', now: '2021-06-10T09:00:00+09:00', months: 6 }).term).toEqual({
      start: '2021-06-10',
      end: '2021-12-09',
    });
  });

  it('refuses a renewal before the window opens and tells the opening date', () => {
    const error = expectLicensingError(
      () => planRenewal(modelling, { currentEnd: '2020-09-30', now: '2020-07-31T14:59:59Z', months: 12 }),
      'renewal-not-open',
    );
    expect(error.details).toEqual({ opensOn: '2020-08-01' });
    expect(planRenewal(modelling, { currentEnd: '2020-09-30', now: '2020-07-31T15:00:00Z', months: 12 }).kind).toBe('continuous');
  });

  it('refuses a resumption after the deadline', () => {
    expect(planRenewal(modelling, { currentEnd: '2020-07-31', now: '2023-07-31T15:00:00+09:00', months: 12 }).kind).toBe(
      'resumption',
    );
    const error = expectLicensingError(
      () => planRenewal(modelling, { currentEnd: '2020-07-31', now: '2023-07-31T15:00:01+09:00', months: 12 }),
      'resumption-period-over',
    );
    expect(error.details).toEqual({ deadline: '2023-07-31T15:00:00+09:00' });
  });

  it('never renews an annual license', () => {
    expectLicensingError(
      () =>
        planRenewal(
          { ...MONTH_END_DIRECT, kind: 'annual' },
          { currentEnd: '2021-04-30', now: '2021-04-01T00:00:00Z', months: 12 },
        ),
      'renewal-not-offered',
    );
  });
});
