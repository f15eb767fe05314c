import { type CalendarDate, daysBetween } from './calendar-date';
import { type Instant, jstDateOf } from './jst';

/** Whole JST days from today to the term's last day: 0 on the end date itself, negative after it. */
export function daysRemaining(end: CalendarDate, now: Instant): number {
  return daysBetween(jstDateOf(now), end);
}
