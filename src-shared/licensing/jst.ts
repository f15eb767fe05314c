import { type CalendarDate, dateFromDayNumber, dayNumber, daysInMonth, parseDate } from './calendar-date';
import { LicensingError } from './licensing-error';

/** An ISO-8601 instant with an explicit offset ('Z' or ±HH:MM), e.g. '2021-04-30T15:00:00Z'. */
export type Instant = string;

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const JST_OFFSET_MINUTES = 9 * 60;

// An offset is mandatory: Date.parse would read an offset-less date-time in the machine's local zone.
const INSTANT_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|z|[+-]\d{2}:?\d{2})$/;

function invalidInstant(value: string, why: string): LicensingError {
  return new LicensingError('invalid-instant', `${why}: ${JSON.stringify(value)}`, { value });
}

/** Milliseconds since the Unix epoch, computed without the machine's clock or zone. */
export function instantToEpochMs(value: Instant): number {
  if (typeof value !== 'string') throw invalidInstant(String(value), 'not a string');
  const match = INSTANT_PATTERN.exec(value);
  if (!match) throw invalidInstant(value, "not an ISO-8601 instant with an offset ('Z' or ±HH:MM)");
  const [, y, mo, d, h, mi, s, fraction, offset] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  // Stryker disable next-line StringLiteral: Number('') is 0 too; the '0' only says what a missing seconds field means.
  const second = Number(s ?? '0');
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || year < 1) {
    throw invalidInstant(value, 'no such date');
  }
  if (hour > 23 || minute > 59 || second > 59) throw invalidInstant(value, 'no such time of day');
  const millis = fraction === undefined ? 0 : Number(fraction.padEnd(3, '0').slice(0, 3));
  let offsetMinutes = 0;
  // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: the pattern always captures an offset, and 'Z' or 'z' taken through this branch give offset 0 as well; the test only skips work.
  if (offset !== undefined && offset !== 'Z' && offset !== 'z') {
    const digits = offset.replace(':', '');
    const sign = digits.startsWith('-') ? -1 : 1;
    const offsetHours = Number(digits.slice(1, 3));
    const offsetMins = Number(digits.slice(3, 5));
    if (offsetHours > 23 || offsetMins > 59) throw invalidInstant(value, 'no such offset');
    offsetMinutes = sign * (offsetHours * 60 + offsetMins);
  }
  const localMs = dayNumber(`${y}-${mo}-${d}`) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  return localMs - offsetMinutes * MS_PER_MINUTE;
}

/** The Asia/Tokyo calendar date of an instant (JST is UTC+9 all year; Japan has no daylight saving time). */
export function jstDateOf(value: Instant): CalendarDate {
  return jstDateOfEpochMs(instantToEpochMs(value));
}

/**
 * jstDateOf for a clock's reading, without writing it out and parsing it back (the service's hot validation path
 * asks this once per request). Still independent of the machine's zone: only the epoch milliseconds are read.
 */
export function jstDateAt(instant: Date): CalendarDate {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw invalidInstant(String(instant), 'not a valid date');
  return jstDateOfEpochMs(ms);
}

function jstDateOfEpochMs(ms: number): CalendarDate {
  return dateFromDayNumber(Math.floor((ms + JST_OFFSET_MINUTES * MS_PER_MINUTE) / MS_PER_DAY));
}

/** The instant at `hour`:00 JST on `date`, written with the +09:00 offset, e.g. '2023-07-31T15:00:00+09:00'. */
export function jstInstantAt(date: CalendarDate, hour: number, minute = 0): Instant {
  parseDate(date);
  return `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+09:00`;
}

/** Orders two instants in time whatever offsets they are written with. */
export function compareInstants(a: Instant, b: Instant): number {
  return Math.sign(instantToEpochMs(a) - instantToEpochMs(b));
}
