import { type CalendarDate, addDays, daysInMonth, formatDate, weekday } from './calendar-date';
import { isJapaneseHoliday } from './japanese-holiday';
import { LicensingError } from './licensing-error';
import { type TermRules, isClosureDay } from './term-rules';

/** Only the closures matter for business days; full TermRules are accepted too. */
export type BusinessCalendar = Pick<TermRules, 'closures'>;

function assertCalendar(rules: BusinessCalendar): void {
  if (!Array.isArray(rules.closures) || !rules.closures.every(isClosureDay)) {
    throw new LicensingError('invalid-term-rules', `closures must be 'MM-DD' days: ${JSON.stringify(rules.closures)}`);
  }
}

export function isVendorClosure(rules: BusinessCalendar, date: CalendarDate): boolean {
  return rules.closures.includes(date.slice(5));
}

function isBusinessDayUnchecked(rules: BusinessCalendar, date: CalendarDate): boolean {
  const day = weekday(date);
  return day !== 0 && day !== 6 && !isJapaneseHoliday(date) && !isVendorClosure(rules, date);
}

/** Monday to Friday, not a Japanese national/substitute holiday, not a vendor closure day. */
export function isBusinessDay(rules: BusinessCalendar, date: CalendarDate): boolean {
  assertCalendar(rules);
  return isBusinessDayUnchecked(rules, date);
}

export function lastBusinessDayOfMonth(rules: BusinessCalendar, year: number, month: number): CalendarDate {
  assertCalendar(rules);
  const first = formatDate({ year, month, day: 1 });
  for (let date = formatDate({ year, month, day: daysInMonth(year, month) }); date >= first; date = addDays(date, -1)) {
    if (isBusinessDayUnchecked(rules, date)) return date;
  }
  throw new LicensingError('no-business-day-in-month', `no business day in ${first.slice(0, 7)}`, {
    month: first.slice(0, 7),
  });
}
