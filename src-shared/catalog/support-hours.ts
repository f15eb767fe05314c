import { isBusinessDay } from '../licensing/business-day';
import { type Instant, instantToEpochMs, jstDateOf } from '../licensing/jst';
import type { SupportContact } from './catalog-schema';

const MS_PER_MINUTE = 60_000;
const MINUTES_PER_DAY = 1440;
const JST_OFFSET_MINUTES = 540;

function minutesOfDay(clock: string): number {
  return Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
}

/** Whether the support phone line is staffed at `now`: a business day, inside one of the ranges (end exclusive). */
export function isSupportPhoneOpen(contact: SupportContact, closures: string[], now: Instant): boolean {
  if (!isBusinessDay({ closures }, jstDateOf(now))) return false;
  const jstMinutes = Math.floor(instantToEpochMs(now) / MS_PER_MINUTE) + JST_OFFSET_MINUTES;
  const minute = ((jstMinutes % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return contact.phoneHours.some((range) => minute >= minutesOfDay(range.from) && minute < minutesOfDay(range.to));
}
