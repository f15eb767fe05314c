import { addDays } from './calendar-date';
import { type Instant, jstDateOf } from './jst';
import { LicensingError } from './licensing-error';
import type { Term } from './term';

/**
 * The trial term for terms accepted at `acceptedAt`. Like a period counted in days under the Civil Code
 * (初日不算入, art. 140), the acceptance day is not counted, so the user always gets at least `trialDays` full
 * days: accepted 2024-01-01 10:00 JST with 30 days → usable through 2024-01-31.
 */
export function trialTerm(acceptedAt: Instant, trialDays: number): Term {
  if (!Number.isInteger(trialDays) || trialDays <= 0) {
    throw new LicensingError('invalid-term-rules', `trial days must be a positive whole number: ${trialDays}`);
  }
  const start = jstDateOf(acceptedAt);
  return { start, end: addDays(start, trialDays) };
}
