import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  isBusinessDay,
  isPastResumptionDeadline,
  lastDayOfMonth,
  resumptionDeadline,
} from '../../../../src-shared/licensing';
import { dateFromDayNumber } from '../../../../src-shared/licensing/calendar-date';
import { DAY_PACKAGE, MONTH_END_DIRECT } from './rules-fixtures';

describe('resumption deadline (seed 003)', () => {
  it('support ended 2020-07-31 → resume until the last business day of July 2023, 15:00 JST', () => {
    expect(resumptionDeadline(MONTH_END_DIRECT, '2020-07-31')).toEqual({
      date: '2023-07-31',
      cutoff: '2023-07-31T15:00:00+09:00',
    });
  });

  it('uses the package cut-off hour of 16:00', () => {
    expect(resumptionDeadline({ ...MONTH_END_DIRECT, cutoffHour: 16 }, '2020-07-31')?.cutoff).toBe('2023-07-31T16:00:00+09:00');
  });

  it('steps back from a month end on a weekend, a holiday or a closure', () => {
    expect(resumptionDeadline(MONTH_END_DIRECT, '2020-09-30')?.date).toBe('2023-09-29'); // 09-30 is Saturday
    expect(resumptionDeadline(MONTH_END_DIRECT, '2015-04-30')?.date).toBe('2018-04-27'); // 04-30 振替休日
    expect(resumptionDeadline(MONTH_END_DIRECT, '2016-04-30')).toEqual({
      date: '2019-04-26', // 27 Sat, 28 Sun, 29 昭和の日, 30 国民の休日
      cutoff: '2019-04-26T15:00:00+09:00',
    });
    expect(resumptionDeadline(MONTH_END_DIRECT, '2023-12-31')?.date).toBe('2026-12-28'); // 29–31 closed
    expect(resumptionDeadline(MONTH_END_DIRECT, '2021-12-31')?.date).toBe('2024-12-27');
  });

  it('counts from the end month whatever the day', () => {
    expect(resumptionDeadline(MONTH_END_DIRECT, '2020-07-01')?.date).toBe('2023-07-31');
    expect(resumptionDeadline({ ...MONTH_END_DIRECT, resumptionYears: 1 }, '2022-07-15')?.date).toBe('2023-07-31');
  });

  it('is null when resumption has no limit', () => {
    expect(resumptionDeadline(DAY_PACKAGE, '2020-07-31')).toBeNull();
    expect(isPastResumptionDeadline(DAY_PACKAGE, '2000-01-31', '2030-01-01T00:00:00Z')).toBe(false);
  });

  it('the cut-off instant itself is still in time; one second later is not', () => {
    expect(isPastResumptionDeadline(MONTH_END_DIRECT, '2020-07-31', '2023-07-31T15:00:00+09:00')).toBe(false);
    expect(isPastResumptionDeadline(MONTH_END_DIRECT, '2020-07-31', '2023-07-31T06:00:00Z')).toBe(false);
    expect(isPastResumptionDeadline(MONTH_END_DIRECT, '2020-07-31', '2023-07-31T06:00:01Z')).toBe(true);
    expect(isPastResumptionDeadline(MONTH_END_DIRECT, '2020-07-31', '2023-07-30T23:59:59-07:00')).toBe(true);
  });

  it('is always the last business day of the right month', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 7_305, max: 27_000 }).map(dateFromDayNumber), // 1990–2043, inside the holiday data
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 23 }),
        (endedOn, years, cutoffHour) => {
          const rules = { ...MONTH_END_DIRECT, resumptionYears: years, cutoffHour };
          const deadline = resumptionDeadline(rules, endedOn);
          expect(deadline).not.toBeNull();
          if (deadline === null) return;
          const expectedMonth = `${Number(endedOn.slice(0, 4)) + years}${endedOn.slice(4, 7)}`;
          expect(deadline.date.slice(0, 7)).toBe(expectedMonth);
          expect(isBusinessDay(rules, deadline.date)).toBe(true);
          const monthEnd = lastDayOfMonth(Number(expectedMonth.slice(0, 4)), Number(expectedMonth.slice(5, 7)));
          for (let day = addDays(deadline.date, 1); day <= monthEnd; day = addDays(day, 1)) {
            expect(isBusinessDay(rules, day)).toBe(false);
          }
          expect(deadline.cutoff).toBe(`${deadline.date}T${String(cutoffHour).padStart(2, '0')}:00:00+09:00`);
        },
      ),
    );
  });
});
