import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  continuousRenewalTerm,
  isMonthEnd,
  resumptionTerm,
  type TermRules,
} from '../../../../src-shared/licensing';
import { dateFromDayNumber } from '../../../../src-shared/licensing/calendar-date';
import { expectLicensingError } from './expect-licensing-error';
import { DAY_PACKAGE, MONTH_END_DIRECT } from './rules-fixtures';

const anyDate = fc.integer({ min: 0, max: 36_500 }).map((days) => dateFromDayNumber(days + 7_305)); // 1990–2089
const anyMonths = fc.integer({ min: 1, max: 36 });
const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

describe('month-end basis (seed 003)', () => {
  it('continues a term from the day after its end to a month end', () => {
    expect(continuousRenewalTerm(MONTH_END_DIRECT, '2021-04-30', 12)).toEqual({ start: '2021-05-01', end: '2022-04-30' });
    expect(continuousRenewalTerm(MONTH_END_DIRECT, '2023-12-31', 12)).toEqual({ start: '2024-01-01', end: '2024-12-31' });
    expect(continuousRenewalTerm(MONTH_END_DIRECT, '2024-01-31', 1)).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(continuousRenewalTerm(MONTH_END_DIRECT, '2023-11-30', 6)).toEqual({ start: '2023-12-01', end: '2024-05-31' });
  });

  it('resumes from the payment month, so a resumption yields at most N months', () => {
    expect(resumptionTerm(MONTH_END_DIRECT, '2021-05-01', 12)).toEqual({ start: '2021-05-01', end: '2022-04-30' });
    expect(resumptionTerm(MONTH_END_DIRECT, '2021-05-31', 12)).toEqual({ start: '2021-05-31', end: '2022-04-30' });
    expect(resumptionTerm(MONTH_END_DIRECT, '2024-02-15', 1)).toEqual({ start: '2024-02-15', end: '2024-02-29' });
  });

  it('always ends on a month end, exactly N months on after a month-end', () => {
    fc.assert(
      fc.property(anyDate, anyMonths, (currentEnd, months) => {
        const term = continuousRenewalTerm(MONTH_END_DIRECT, currentEnd, months);
        expect(term.start).toBe(addDays(currentEnd, 1));
        expect(isMonthEnd(term.end)).toBe(true);
        expect(monthIndex(term.end) - monthIndex(currentEnd)).toBe(months);
        // Never shorter than N months.
        expect(term.end >= addDays(addMonthsClamped(term.start, months), -1)).toBe(true);
      }),
    );
  });

  it('resumption: month-end, at most N months and more than N−1', () => {
    fc.assert(
      fc.property(anyDate, anyMonths, (paid, months) => {
        const term = resumptionTerm(MONTH_END_DIRECT, paid, months);
        expect(term.start).toBe(paid);
        expect(isMonthEnd(term.end)).toBe(true);
        expect(monthIndex(term.end) - monthIndex(paid)).toBe(months - 1);
        expect(term.end < addMonthsClamped(paid, months)).toBe(true);
        expect(term.end >= addDays(addMonthsClamped(paid, months - 1), 0)).toBe(true);
      }),
    );
  });
});

describe('day basis (seed 000)', () => {
  it('runs N calendar months, ending the day before the same day-of-month', () => {
    expect(continuousRenewalTerm(DAY_PACKAGE, '2021-04-30', 12)).toEqual({ start: '2021-05-01', end: '2022-04-30' });
    expect(continuousRenewalTerm(DAY_PACKAGE, '2024-03-14', 6)).toEqual({ start: '2024-03-15', end: '2024-09-14' });
    expect(continuousRenewalTerm(DAY_PACKAGE, '2023-12-31', 12)).toEqual({ start: '2024-01-01', end: '2024-12-31' });
    expect(resumptionTerm(DAY_PACKAGE, '2021-05-31', 12)).toEqual({ start: '2021-05-31', end: '2022-05-30' });
    expect(resumptionTerm(DAY_PACKAGE, '2024-07-10', 6)).toEqual({ start: '2024-07-10', end: '2025-01-09' });
  });

  it('runs to the month end when the target month lacks the start day', () => {
    expect(resumptionTerm(DAY_PACKAGE, '2024-01-31', 1)).toEqual({ start: '2024-01-31', end: '2024-02-29' });
    expect(resumptionTerm(DAY_PACKAGE, '2023-01-31', 1)).toEqual({ start: '2023-01-31', end: '2023-02-28' });
    expect(resumptionTerm(DAY_PACKAGE, '2024-01-30', 1)).toEqual({ start: '2024-01-30', end: '2024-02-29' });
    expect(resumptionTerm(DAY_PACKAGE, '2024-01-29', 1)).toEqual({ start: '2024-01-29', end: '2024-02-28' });
    expect(resumptionTerm(DAY_PACKAGE, '2024-02-29', 12)).toEqual({ start: '2024-02-29', end: '2025-02-28' });
    expect(continuousRenewalTerm(DAY_PACKAGE, '2024-08-30', 6)).toEqual({ start: '2024-08-31', end: '2025-02-28' });
  });

  it('is never shorter than N months, and never a full day longer than needed', () => {
    fc.assert(
      fc.property(anyDate, anyMonths, fc.boolean(), (date, months, continuous) => {
        const term = continuous ? continuousRenewalTerm(DAY_PACKAGE, date, months) : resumptionTerm(DAY_PACKAGE, date, months);
        expect(term.start).toBe(continuous ? addDays(date, 1) : date);
        const sameDayLater = addMonthsClamped(term.start, months);
        expect(term.end >= addDays(sameDayLater, -1)).toBe(true);
        expect(term.end <= sameDayLater).toBe(true);
        if (term.end === sameDayLater) expect(isMonthEnd(term.end)).toBe(true);
      }),
    );
  });

  it('chains renewals without gaps or overlaps', () => {
    fc.assert(
      fc.property(anyDate, fc.array(fc.constantFrom(6, 12), { minLength: 1, maxLength: 8 }), (start, lengths) => {
        let term = resumptionTerm(DAY_PACKAGE, start, 12);
        for (const months of lengths) {
          const next = continuousRenewalTerm(DAY_PACKAGE, term.end, months);
          expect(next.start).toBe(addDays(term.end, 1));
          expect(next.end > next.start).toBe(true);
          term = next;
        }
      }),
    );
  });
});

describe('term arguments', () => {
  it('rejects a length that is not a positive whole number of months', () => {
    expectLicensingError(() => continuousRenewalTerm(DAY_PACKAGE, '2021-04-30', 0), 'invalid-months');
    expectLicensingError(() => resumptionTerm(DAY_PACKAGE, '2021-04-30', 1.5), 'invalid-months');
    expectLicensingError(() => resumptionTerm(MONTH_END_DIRECT, '2021-04-30', -12), 'invalid-months');
  });

  it('rejects malformed rules instead of producing NaN dates', () => {
    const broken = { ...DAY_PACKAGE, basis: 'week' } as unknown as TermRules;
    expectLicensingError(() => continuousRenewalTerm(broken, '2021-04-30', 12), 'invalid-term-rules');
    expectLicensingError(
      () => continuousRenewalTerm({ ...DAY_PACKAGE, renewalWindowMonths: 0 }, '2021-04-30', 12),
      'invalid-term-rules',
    );
    expectLicensingError(() => continuousRenewalTerm({ ...DAY_PACKAGE, cutoffHour: 24 }, '2021-04-30', 12), 'invalid-term-rules');
    expectLicensingError(() => continuousRenewalTerm(DAY_PACKAGE, '2021/04/30', 12), 'invalid-date');
  });
});
