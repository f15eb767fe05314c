import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonthsClamped, isRenewalWindowOpen, renewalWindowOpens } from '../../../../src-shared/licensing';
import { dateFromDayNumber } from '../../../../src-shared/licensing/calendar-date';
import { DAY_PACKAGE, MONTH_END_DIRECT } from './rules-fixtures';

const anyDate = fc.integer({ min: 7_305, max: 43_800 }).map(dateFromDayNumber);
const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

describe('renewal window', () => {
  it('month-end basis opens on the 1st of the month before the end month (seed 003)', () => {
    expect(renewalWindowOpens(MONTH_END_DIRECT, '2020-09-30')).toBe('2020-08-01');
    expect(renewalWindowOpens(MONTH_END_DIRECT, '2021-01-31')).toBe('2020-12-01');
    expect(renewalWindowOpens({ ...MONTH_END_DIRECT, renewalWindowMonths: 3 }, '2020-09-30')).toBe('2020-07-01');
    expect(renewalWindowOpens({ ...MONTH_END_DIRECT, renewalWindowMonths: 1 }, '2020-09-30')).toBe('2020-09-01');
  });

  it('day basis opens the same day-of-month two months before the end, clamped', () => {
    expect(renewalWindowOpens(DAY_PACKAGE, '2022-04-30')).toBe('2022-02-28');
    expect(renewalWindowOpens(DAY_PACKAGE, '2024-04-30')).toBe('2024-02-29');
    expect(renewalWindowOpens(DAY_PACKAGE, '2024-09-14')).toBe('2024-07-14');
    expect(renewalWindowOpens(DAY_PACKAGE, '2025-01-31')).toBe('2024-11-30');
  });

  it('is open from the opening day through the end date, and not before or after', () => {
    expect(isRenewalWindowOpen(MONTH_END_DIRECT, '2020-09-30', '2020-07-31')).toBe(false);
    expect(isRenewalWindowOpen(MONTH_END_DIRECT, '2020-09-30', '2020-08-01')).toBe(true);
    expect(isRenewalWindowOpen(MONTH_END_DIRECT, '2020-09-30', '2020-09-30')).toBe(true);
    expect(isRenewalWindowOpen(MONTH_END_DIRECT, '2020-09-30', '2020-10-01')).toBe(false);
  });

  it('always opens before the end, within the window length', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 12 }), (end, windowMonths) => {
        const day = renewalWindowOpens({ ...DAY_PACKAGE, renewalWindowMonths: windowMonths }, end);
        expect(day < end).toBe(true);
        expect(day).toBe(addMonthsClamped(end, -windowMonths));

        const monthEnd = renewalWindowOpens({ ...MONTH_END_DIRECT, renewalWindowMonths: windowMonths }, end);
        expect(monthEnd <= end).toBe(true);
        expect(monthEnd.endsWith('-01')).toBe(true);
        expect(monthIndex(end) - monthIndex(monthEnd)).toBe(windowMonths - 1);
      }),
    );
  });
});
