import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  daysBetween,
  isCalendarDate,
  isMonthEnd,
  lastDayOfMonth,
  weekday,
} from '../../../../src-shared/licensing';
import { dateFromDayNumber, dayNumber } from '../../../../src-shared/licensing/calendar-date';
import { expectLicensingError } from './expect-licensing-error';

// The reference uses Date only through UTC methods, which do not depend on the machine's zone.
const referenceDate = (days: number) => new Date(days * 86_400_000).toISOString().slice(0, 10);

describe('calendar dates', () => {
  it('accepts real dates only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2100-02-29')).toBe(false);
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('2021-04-31')).toBe(false);
    expect(isCalendarDate('2021-4-30')).toBe(false);
    expect(isCalendarDate('2021-04-30T00:00:00Z')).toBe(false);
    expect(isCalendarDate(20210430)).toBe(false);
    expectLicensingError(() => addDays('2021-02-30', 1), 'invalid-date');
  });

  it('counts days like the UTC calendar', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2000-03-01')).toBe(11017);
    expect(addDays('2021-04-30', 1)).toBe('2021-05-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    fc.assert(
      fc.property(fc.integer({ min: -700_000, max: 2_900_000 }), (days) => {
        expect(dateFromDayNumber(days)).toBe(referenceDate(days));
        expect(dayNumber(dateFromDayNumber(days))).toBe(days);
      }),
    );
  });

  it('knows the weekday', () => {
    expect(weekday('2023-07-31')).toBe(1);
    expect(weekday('2022-04-30')).toBe(6);
    expect(weekday('1970-01-01')).toBe(4);
    expect(weekday('1969-12-28')).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (days) => {
        expect(weekday(dateFromDayNumber(days))).toBe(new Date(days * 86_400_000).getUTCDay());
      }),
    );
  });

  it('adds months, clamping to the target month', () => {
    expect(addMonthsClamped('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsClamped('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonthsClamped('2024-04-30', -2)).toBe('2024-02-29');
    expect(addMonthsClamped('2024-12-15', 1)).toBe('2025-01-15');
    expect(addMonthsClamped('2024-01-15', -1)).toBe('2023-12-15');
    expect(addMonthsClamped('2024-02-29', 12)).toBe('2025-02-28');
    expect(lastDayOfMonth(2024, 2)).toBe('2024-02-29');
    expect(isMonthEnd('2021-04-30')).toBe(true);
    expect(isMonthEnd('2024-02-28')).toBe(false);
  });
});
