import { type CalendarDate, addMonthsClamped, firstDayOfMonth, parseDate, shiftMonth } from './calendar-date';
import { type TermRules, assertTermRules } from './term-rules';

/** First day on which a continuous renewal of the term ending on `currentEnd` is accepted. */
export function renewalWindowOpens(rules: TermRules, currentEnd: CalendarDate): CalendarDate {
  assertTermRules(rules);
  if (rules.basis === 'day') return addMonthsClamped(currentEnd, -rules.renewalWindowMonths);
  // Month-end basis counts the end month itself as the last of the window's months (end 2020-09-30 → 08-01).
  const { year, month } = parseDate(currentEnd);
  const opening = shiftMonth(year, month, -(rules.renewalWindowMonths - 1));
  return firstDayOfMonth(opening.year, opening.month);
}

/** Whether `today` falls in the renewal window: from its opening day up to and including the term's end. */
export function isRenewalWindowOpen(rules: TermRules, currentEnd: CalendarDate, today: CalendarDate): boolean {
  parseDate(today);
  return today >= renewalWindowOpens(rules, currentEnd) && today <= currentEnd;
}
