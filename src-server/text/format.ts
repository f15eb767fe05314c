import { type CalendarDate, parseDate } from '../../src-shared/licensing/calendar-date';

// How money and dates are written for people, in mails and on the renewal page alike.

/** ¥13,200: integer yen with thousands separators, written the same whatever the machine's locale. */
export function formatYen(amount: number): string {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`formatYen: expected whole yen, got ${amount}`);
  return `¥${String(amount).replace(/\B(?=(\d{3})+$)/g, ',')}`;
}

/** 2027年3月31日 */
export function formatJapaneseDate(date: CalendarDate): string {
  const { year, month, day } = parseDate(date);
  return `${year}年${month}月${day}日`;
}
