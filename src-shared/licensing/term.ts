import { type CalendarDate, addDays, daysInMonth, formatDate, lastDayOfMonth, parseDate, shiftMonth } from './calendar-date';
import { type TermRules, assertMonths, assertTermRules } from './term-rules';

/** A service term; both dates are inclusive JST dates (`end` is the last day of service). */
export type Term = { start: CalendarDate; end: CalendarDate };

/**
 * Day basis: N months from S end the day before the same day-of-month N months later; when the target month
 * lacks that day (31 Jan + 1 month) the term runs to that month's last day instead, never stopping short.
 */
export function dayBasisTermEnd(start: CalendarDate, months: number): CalendarDate {
  assertMonths(months);
  const { year, month, day } = parseDate(start);
  const target = shiftMonth(year, month, months);
  if (day > daysInMonth(target.year, target.month)) return lastDayOfMonth(target.year, target.month);
  return addDays(formatDate({ ...target, day }), -1);
}

/** Renewal while the current term is still running: the new term follows the current one without a gap. */
export function continuousRenewalTerm(rules: TermRules, currentEnd: CalendarDate, months: number): Term {
  assertTermRules(rules);
  assertMonths(months);
  const start = addDays(currentEnd, 1);
  if (rules.basis === 'day') return { start, end: dayBasisTermEnd(start, months) };
  const { year, month } = parseDate(currentEnd);
  const target = shiftMonth(year, month, months);
  return { start, end: lastDayOfMonth(target.year, target.month) };
}

/**
 * Resumption after a lapse, active from the payment date. On month-end basis the payment month counts as the
 * first month, so a resumption yields at most N months (seed 003: paid 1 May or 31 May → ends 30 April).
 */
export function resumptionTerm(rules: TermRules, paymentDate: CalendarDate, months: number): Term {
  assertTermRules(rules);
  assertMonths(months);
  const { year, month } = parseDate(paymentDate);
  if (rules.basis === 'day') return { start: paymentDate, end: dayBasisTermEnd(paymentDate, months) };
  const target = shiftMonth(year, month, months - 1);
  return { start: paymentDate, end: lastDayOfMonth(target.year, target.month) };
}
