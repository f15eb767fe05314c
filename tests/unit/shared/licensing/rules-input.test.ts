import { describe, expect, it } from 'vitest';
import {
  LicensingError,
  addDays,
  assertTermRules,
  compareDates,
  isCalendarDate,
  isClosureDay,
  isLicensingError,
  isRenewable,
  japaneseHolidayName,
  lastBusinessDayOfMonth,
  lastDayOfMonth,
  startsAfterExpiry,
  trialTerm,
  type TermRules,
} from '../../../../src-shared/licensing';
import { assertMonths } from '../../../../src-shared/licensing/term-rules';
import { expectLicensingError } from './expect-licensing-error';
import { DAY_PACKAGE, MONTH_END_DIRECT } from './rules-fixtures';

// Catalog data and service input reach the rules engine as hand-written JSON; each check here stands between a typo
// in that data and a silently wrong date.

describe('calendar dates', () => {
  it('accept every day of every month and no other', () => {
    const lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    lengths.forEach((length, index) => {
      const month = String(index + 1).padStart(2, '0');
      expect(lastDayOfMonth(2026, index + 1)).toBe(`2026-${month}-${length}`);
      expect(isCalendarDate(`2026-${month}-${length}`)).toBe(true);
      expect(isCalendarDate(`2026-${month}-${length + 1}`)).toBe(false);
      expect(isCalendarDate(`2026-${month}-00`)).toBe(false);
    });
    expect(isCalendarDate('2024-02-29')).toBe(true);
    for (const bad of ['2026-00-10', '2026-13-10', '0000-01-01', 'x2026-01-01', '2026-01-01x', '26-01-01'])
      expect(isCalendarDate(bad), bad).toBe(false);
    expect(isCalendarDate('0001-01-01')).toBe(true);
  });

  it('are strings, not values that merely print as a date', () => {
    for (const value of [['2026-01-01'], { toString: () => '2026-01-01' }, 20260101, null, undefined])
      expect(isCalendarDate(value)).toBe(false);
  });

  it('say which value is not a date', () => {
    const error = expectLicensingError(() => addDays('2026-02-30', 1), 'invalid-date');
    expect(error.message).toContain('"2026-02-30"');
    expect(error.details).toEqual({ value: '2026-02-30' });
  });

  it('stay within four-digit years, so they keep ordering as text', () => {
    expect(addDays('9999-12-30', 1)).toBe('9999-12-31');
    expect(addDays('0001-01-02', -1)).toBe('0001-01-01');
    const past = expectLicensingError(() => addDays('9999-12-31', 1), 'invalid-date');
    expect(past.message).toContain('year out of range: 10000');
    expect(past.details).toEqual({ value: 10000 });
    expectLicensingError(() => addDays('0001-01-01', -1), 'invalid-date');
  });

  it('step over the last day of a 400-year cycle', () => {
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(addDays('2000-02-29', 1)).toBe('2000-03-01');
    expect(addDays('2400-02-28', 2)).toBe('2400-03-01');
    expect(addDays('1600-03-01', -1)).toBe('1600-02-29');
  });

  it('compare in time order', () => {
    expect(compareDates('2026-01-01', '2026-01-02')).toBe(-1);
    expect(compareDates('2026-01-02', '2026-01-01')).toBe(1);
    expect(compareDates('2026-01-01', '2026-01-01')).toBe(0);
    expect(compareDates('2025-12-31', '2026-01-01')).toBe(-1);
  });
});

describe('term rules', () => {
  it('accept the seed rules', () => {
    expect(() => assertTermRules(MONTH_END_DIRECT)).not.toThrow();
    expect(() => assertTermRules(DAY_PACKAGE)).not.toThrow();
    expect(() => assertTermRules({ ...DAY_PACKAGE, cutoffHour: 0, closures: [] })).not.toThrow();
    expect(() => assertTermRules({ ...DAY_PACKAGE, cutoffHour: 23 })).not.toThrow();
  });

  it.each<[string, Partial<Record<keyof TermRules, unknown>>, string]>([
    ['an unknown basis', { basis: 'weekly' }, 'basis "weekly"'],
    ['a zero renewal window', { renewalWindowMonths: 0 }, 'renewalWindowMonths 0'],
    ['a fractional renewal window', { renewalWindowMonths: 1.5 }, 'renewalWindowMonths 1.5'],
    ['a renewal window given as text', { renewalWindowMonths: '2' }, 'renewalWindowMonths 2'],
    ['zero resumption years', { resumptionYears: 0 }, 'resumptionYears 0'],
    ['a negative cut-off hour', { cutoffHour: -1 }, 'cutoffHour -1'],
    ['a cut-off hour of 24', { cutoffHour: 24 }, 'cutoffHour 24'],
    ['a fractional cut-off hour', { cutoffHour: 15.5 }, 'cutoffHour 15.5'],
    ['closures that are not a list', { closures: '12-29' }, 'closures "12-29"'],
    ['one bad closure among good ones', { closures: ['12-29', '13-01'] }, 'closures ["12-29","13-01"]'],
  ])('refuse %s and name it', (_name, change, problem) => {
    const error = expectLicensingError(() => assertTermRules({ ...DAY_PACKAGE, ...change } as TermRules), 'invalid-term-rules');
    expect(error.message).toBe(`invalid-term-rules: invalid term rules: ${problem}`);
  });

  it('list every problem at once', () => {
    const error = expectLicensingError(
      () => assertTermRules({ ...DAY_PACKAGE, cutoffHour: 24, renewalWindowMonths: 0 }),
      'invalid-term-rules',
    );
    expect(error.message).toBe('invalid-term-rules: invalid term rules: renewalWindowMonths 0, cutoffHour 24');
  });

  it('take closures as MM-DD days that exist in some year', () => {
    for (const day of ['01-01', '02-29', '12-31', '04-30']) expect(isClosureDay(day), day).toBe(true);
    for (const day of ['00-10', '13-01', '01-00', '04-31', '02-30', '1-01', 'x12-29', '12-29x', '12/29', 1229, ['12-29']])
      expect(isClosureDay(day), String(day)).toBe(false);
  });

  it('take term lengths as positive whole months', () => {
    expect(() => assertMonths(1)).not.toThrow();
    for (const months of [0, -1, 1.5, Number.NaN]) {
      const error = expectLicensingError(() => assertMonths(months), 'invalid-months');
      expect(error.message).toContain(`positive whole number of months: ${months}`);
      expect(error.details).toEqual({ months: String(months) });
    }
  });

  it('refuse a trial of no days, saying so', () => {
    const error = expectLicensingError(() => trialTerm('2024-01-01T01:00:00Z', 0), 'invalid-term-rules');
    expect(error.message).toContain('trial days must be a positive whole number: 0');
  });
});

describe('business days', () => {
  it('find the first of the month when it is the only business day left', () => {
    const closed = Array.from({ length: 29 }, (_, index) => `06-${String(index + 2).padStart(2, '0')}`);
    expect(lastBusinessDayOfMonth({ closures: closed }, 2026, 6)).toBe('2026-06-01'); // a Monday
  });

  it('name the month that has none', () => {
    const everyDay = Array.from({ length: 31 }, (_, index) => `08-${String(index + 1).padStart(2, '0')}`);
    const error = expectLicensingError(() => lastBusinessDayOfMonth({ closures: everyDay }, 2025, 8), 'no-business-day-in-month');
    expect(error.message).toBe('no-business-day-in-month: no business day in 2025-08');
    expect(error.details).toEqual({ month: '2025-08' });
  });

  it('refuse malformed closures, showing them', () => {
    const error = expectLicensingError(() => lastBusinessDayOfMonth({ closures: ['12/29'] }, 2026, 12), 'invalid-term-rules');
    expect(error.message).toContain(`closures must be 'MM-DD' days: ["12/29"]`);
  });

  it('name holidays and nothing else', () => {
    expect(japaneseHolidayName('2026-01-01')).toBe('元日');
    expect(japaneseHolidayName('2026-01-05')).toBeNull();
  });
});

describe('license kinds', () => {
  it('only a perpetual license keeps starting after its term', () => {
    expect(startsAfterExpiry('perpetual')).toBe(true);
    expect(startsAfterExpiry('subscription')).toBe(false);
    expect(startsAfterExpiry('annual')).toBe(false);
  });

  it('only an annual license is never renewed', () => {
    expect(isRenewable('annual')).toBe(false);
    expect(isRenewable('perpetual')).toBe(true);
    expect(isRenewable('subscription')).toBe(true);
  });
});

describe('LicensingError', () => {
  it('is recognised, names itself and leads its message with the code', () => {
    const error = new LicensingError('renewal-not-open', 'renewal opens on 2026-08-01', { opensOn: '2026-08-01' });
    expect(isLicensingError(error)).toBe(true);
    expect(isLicensingError(new Error('renewal-not-open'))).toBe(false);
    expect(isLicensingError({ code: 'renewal-not-open' })).toBe(false);
    expect(String(error)).toBe('LicensingError: renewal-not-open: renewal opens on 2026-08-01');
    expect(new LicensingError('invalid-date', 'x').details).toEqual({});
  });
});
