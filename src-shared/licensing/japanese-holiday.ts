import holidayJp from '@holiday-jp/holiday_jp';
import { type CalendarDate, parseDate } from './calendar-date';

/**
 * Japanese national holidays, substitute holidays (振替休日) and citizens' holidays (国民の休日) from the
 * maintained @holiday-jp/holiday_jp data. We read its 'YYYY-MM-DD' keyed map directly: its isHoliday(Date)
 * formats the Date with local-time getters, which gives the wrong day whenever the machine is not on JST.
 */
const holidays: Readonly<Record<string, { name: string }>> = holidayJp.holidays;

export function isJapaneseHoliday(date: CalendarDate): boolean {
  parseDate(date);
  return Object.hasOwn(holidays, date);
}

/** The holiday's Japanese name (e.g. '元日 振替休日'), or null on an ordinary day. */
export function japaneseHolidayName(date: CalendarDate): string | null {
  parseDate(date);
  // Stryker disable next-line OptionalChaining: hasOwn has just shown the entry exists; `?.` only satisfies the index type.
  return Object.hasOwn(holidays, date) ? (holidays[date]?.name ?? null) : null;
}

const holidayYears = Object.keys(holidays).map((date) => Number(date.slice(0, 4)));

/**
 * Years the holiday data covers. Outside it every weekday counts as a working day, so a deadline that far out
 * is only as good as the data; updating the package extends it.
 */
export const HOLIDAY_DATA_YEARS = {
  first: Math.min(...holidayYears),
  last: Math.max(...holidayYears),
} as const;
