import { LicensingError } from './licensing-error';

/**
 * A civil date 'YYYY-MM-DD' with no time zone attached. All arithmetic here is integer arithmetic on the
 * proleptic Gregorian calendar, so the machine's time zone can never leak into a result.
 */
export type CalendarDate = string;

export type YearMonthDay = { year: number; month: number; day: number };

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_YEAR = 1;
const MAX_YEAR = 9999;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return year >= MIN_YEAR && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function parseDate(value: string): YearMonthDay {
  if (!isCalendarDate(value)) {
    throw new LicensingError('invalid-date', `not a calendar date 'YYYY-MM-DD': ${JSON.stringify(value)}`, {
      value: String(value),
    });
  }
  return { year: Number(value.slice(0, 4)), month: Number(value.slice(5, 7)), day: Number(value.slice(8, 10)) };
}

export function formatDate({ year, month, day }: YearMonthDay): CalendarDate {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new LicensingError('invalid-date', `year out of range: ${year}`, { value: year });
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for every Gregorian date, no Date object involved.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function civilFromDays(days: number): YearMonthDay {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Days since 1970-01-01 (negative before it). */
export function dayNumber(date: CalendarDate): number {
  const { year, month, day } = parseDate(date);
  return daysFromCivil(year, month, day);
}

export function dateFromDayNumber(days: number): CalendarDate {
  return formatDate(civilFromDays(days));
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return dateFromDayNumber(dayNumber(date) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: CalendarDate): number {
  // 1970-01-01 was a Thursday.
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

/** Moves a (year, month) pair by `months`, ignoring the day. */
export function shiftMonth(year: number, month: number, months: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + months;
  return { year: Math.floor(index / 12), month: (((index % 12) + 12) % 12) + 1 };
}

/** Same day-of-month `months` later (or earlier); a day the target month lacks becomes its last day. */
export function addMonthsClamped(date: CalendarDate, months: number): CalendarDate {
  const { year, month, day } = parseDate(date);
  const target = shiftMonth(year, month, months);
  return formatDate({ ...target, day: Math.min(day, daysInMonth(target.year, target.month)) });
}

export function firstDayOfMonth(year: number, month: number): CalendarDate {
  return formatDate({ year, month, day: 1 });
}

export function lastDayOfMonth(year: number, month: number): CalendarDate {
  return formatDate({ year, month, day: daysInMonth(year, month) });
}

export function isMonthEnd(date: CalendarDate): boolean {
  const { year, month, day } = parseDate(date);
  return day === daysInMonth(year, month);
}

/** Valid 'YYYY-MM-DD' strings with four-digit years order lexically as they order in time. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
