import holidayJp from '@holiday-jp/holiday_jp';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HOLIDAY_DATA_YEARS,
  addDays,
  isBusinessDay,
  isJapaneseHoliday,
  japaneseHolidayName,
  lastBusinessDayOfMonth,
  weekday,
} from '../../../../src-shared/licensing';
import { expectLicensingError } from './expect-licensing-error';
import { CLOSURES, DAY_PACKAGE } from './rules-fixtures';

describe('Japanese holidays', () => {
  it('come from the maintained data, substitute and citizens’ holidays included', () => {
    expect(isJapaneseHoliday('2024-01-01')).toBe(true);
    expect(isJapaneseHoliday('2023-01-02')).toBe(true); // 元日 振替休日
    expect(japaneseHolidayName('2023-01-02')).toBe('元日 振替休日');
    expect(isJapaneseHoliday('2024-02-12')).toBe(true); // 建国記念の日 振替休日
    expect(isJapaneseHoliday('2025-05-06')).toBe(true); // こどもの日 振替休日
    expect(isJapaneseHoliday('2019-04-30')).toBe(true); // 国民の休日 (2019 abdication week)
    expect(isJapaneseHoliday('2020-07-24')).toBe(true); // Olympic-year スポーツの日
    expect(isJapaneseHoliday('2021-10-11')).toBe(false); // moved away in 2021
    expect(isJapaneseHoliday('2023-07-31')).toBe(false);
    expect(japaneseHolidayName('2023-07-31')).toBeNull();
    expect(HOLIDAY_DATA_YEARS.first).toBeLessThanOrEqual(2000);
    expect(HOLIDAY_DATA_YEARS.last).toBeGreaterThanOrEqual(2040);
  });

  it('give the JST answer whatever the machine zone (the library’s Date path would not)', () => {
    // A Date for 2024-01-01 00:00 JST is 2023-12-31 in Los Angeles; the library formats it with local getters.
    const newYearInTokyo = new Date('2024-01-01T00:00:00+09:00');
    const libraryAnswer = holidayJp.isHoliday(newYearInTokyo);
    if (process.env.TZ === 'America/Los_Angeles') expect(libraryAnswer).toBe(false);
    expect(isJapaneseHoliday('2024-01-01')).toBe(true);
    expect(isJapaneseHoliday('2023-12-31')).toBe(false);
  });
});

describe('isBusinessDay', () => {
  it('is Monday to Friday', () => {
    expect(isBusinessDay(DAY_PACKAGE, '2023-07-31')).toBe(true); // Monday
    expect(isBusinessDay(DAY_PACKAGE, '2023-07-28')).toBe(true); // Friday
    expect(isBusinessDay(DAY_PACKAGE, '2023-07-29')).toBe(false); // Saturday
    expect(isBusinessDay(DAY_PACKAGE, '2023-07-30')).toBe(false); // Sunday
  });

  it('skips national and substitute holidays', () => {
    expect(isBusinessDay(DAY_PACKAGE, '2018-04-30')).toBe(false); // Monday, 昭和の日 振替休日
    expect(isBusinessDay(DAY_PACKAGE, '2020-05-06')).toBe(false); // Wednesday, 憲法記念日 振替休日
    expect(isBusinessDay(DAY_PACKAGE, '2024-11-04')).toBe(false); // Monday, 文化の日 振替休日
    expect(isBusinessDay(DAY_PACKAGE, '2024-11-05')).toBe(true);
  });

  it('skips the vendor closures at the year end, whatever the weekday', () => {
    expect(isBusinessDay(DAY_PACKAGE, '2026-12-28')).toBe(true); // Monday
    for (const date of ['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']) {
      expect(isBusinessDay(DAY_PACKAGE, date), date).toBe(false);
    }
    expect(isBusinessDay({ closures: [] }, '2026-12-29')).toBe(true); // a Tuesday without closures
    expect(isBusinessDay(DAY_PACKAGE, '2027-01-04')).toBe(true); // Monday, first day back
  });

  it('refuses malformed closures and dates', () => {
    expectLicensingError(() => isBusinessDay({ closures: ['12/29'] }, '2026-12-29'), 'invalid-term-rules');
    expectLicensingError(() => isBusinessDay({ closures: ['02-30'] }, '2026-12-29'), 'invalid-term-rules');
    expectLicensingError(() => isBusinessDay(DAY_PACKAGE, '2026-13-01'), 'invalid-date');
  });

  it('matches its definition for any date in the holiday data range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 60 }), (offset) => {
        const date = addDays('1990-01-01', offset);
        const day = weekday(date);
        const expected = day !== 0 && day !== 6 && !(date in holidayJp.holidays) && !CLOSURES.includes(date.slice(5));
        expect(isBusinessDay(DAY_PACKAGE, date)).toBe(expected);
      }),
    );
  });
});

describe('lastBusinessDayOfMonth', () => {
  it('steps back over weekends, holidays and closures', () => {
    expect(lastBusinessDayOfMonth(DAY_PACKAGE, 2023, 7)).toBe('2023-07-31'); // Monday
    expect(lastBusinessDayOfMonth(DAY_PACKAGE, 2023, 9)).toBe('2023-09-29'); // 30th is a Saturday
    expect(lastBusinessDayOfMonth(DAY_PACKAGE, 2018, 4)).toBe('2018-04-27'); // 28 Sat, 29 Sun, 30 振替休日
    expect(lastBusinessDayOfMonth(DAY_PACKAGE, 2019, 4)).toBe('2019-04-26'); // 27–30: weekend, 昭和の日, 休日
    expect(lastBusinessDayOfMonth(DAY_PACKAGE, 2026, 12)).toBe('2026-12-28'); // 29–31 closed
    expect(lastBusinessDayOfMonth(DAY_PACKAGE, 2024, 12)).toBe('2024-12-27'); // 28 Sat, then closed
    expect(lastBusinessDayOfMonth({ closures: [] }, 2026, 12)).toBe('2026-12-31');
  });

  it('reports a month without any business day', () => {
    const everyDay = Array.from({ length: 31 }, (_, index) => `08-${String(index + 1).padStart(2, '0')}`);
    expectLicensingError(() => lastBusinessDayOfMonth({ closures: everyDay }, 2025, 8), 'no-business-day-in-month');
  });
});
