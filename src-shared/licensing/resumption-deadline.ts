import { type CalendarDate, parseDate, shiftMonth } from './calendar-date';
import { lastBusinessDayOfMonth } from './business-day';
import { type Instant, compareInstants, jstInstantAt } from './jst';
import { type TermRules, assertTermRules } from './term-rules';

export type ResumptionDeadline = { date: CalendarDate; cutoff: Instant };

/**
 * The last moment a lapsed term can still be resumed: the vendor's last business day of the month
 * `resumptionYears` years after the end month, at the policy's cut-off hour JST. Null when resumption has no limit.
 */
export function resumptionDeadline(rules: TermRules, endedOn: CalendarDate): ResumptionDeadline | null {
  assertTermRules(rules);
  const { year, month } = parseDate(endedOn);
  if (rules.resumptionYears === null) return null;
  const target = shiftMonth(year, month, rules.resumptionYears * 12);
  const date = lastBusinessDayOfMonth(rules, target.year, target.month);
  return { date, cutoff: jstInstantAt(date, rules.cutoffHour) };
}

/** True once `now` is past the cut-off: the cut-off instant itself still counts as in time. */
export function isPastResumptionDeadline(rules: TermRules, endedOn: CalendarDate, now: Instant): boolean {
  const deadline = resumptionDeadline(rules, endedOn);
  return deadline !== null && compareInstants(now, deadline.cutoff) > 0;
}
