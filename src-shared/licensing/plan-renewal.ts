import type { CalendarDate } from './calendar-date';
import { type Instant, jstDateOf } from './jst';
import { type LicenseKind, isRenewable } from './license-kind';
import { LicensingError } from './licensing-error';
import { renewalWindowOpens } from './renewal-window';
import { isPastResumptionDeadline, resumptionDeadline } from './resumption-deadline';
import { type Term, continuousRenewalTerm, resumptionTerm } from './term';
import type { TermRules } from './term-rules';

export type RenewalPlan = {
  kind: 'continuous' | 'resumption';
  term: Term;
  /** JST date of `now`: the payment (or, for a package purchase, registration) date the plan was made for. */
  paidOn: CalendarDate;
};

/**
 * Which term a renewal paid at `now` buys (seed 003): paid on or before the current end → continuous renewal;
 * paid after it → resumption from the payment date, until the resumption deadline. Throws `renewal-not-offered`
 * for annual licenses, `renewal-not-open` (details.opensOn) before the window, `resumption-period-over`
 * (details.deadline) after the deadline.
 */
export function planRenewal(
  policy: TermRules & { kind: LicenseKind },
  input: { currentEnd: CalendarDate; now: Instant; months: number },
): RenewalPlan {
  if (!isRenewable(policy.kind)) {
    throw new LicensingError('renewal-not-offered', 'annual licenses are not renewed; buy the license again');
  }
  const paidOn = jstDateOf(input.now);
  if (paidOn <= input.currentEnd) {
    const opensOn = renewalWindowOpens(policy, input.currentEnd);
    if (paidOn < opensOn) {
      throw new LicensingError('renewal-not-open', `renewal opens on ${opensOn}`, { opensOn });
    }
    return { kind: 'continuous', term: continuousRenewalTerm(policy, input.currentEnd, input.months), paidOn };
  }
  if (isPastResumptionDeadline(policy, input.currentEnd, input.now)) {
    const deadline = resumptionDeadline(policy, input.currentEnd);
    // Stryker disable next-line OptionalChaining: isPastResumptionDeadline is true only when there is a deadline.
    throw new LicensingError('resumption-period-over', `resumption closed at ${deadline?.cutoff ?? ''}`, {
      // Stryker disable next-line OptionalChaining,StringLiteral: as above, the fallback '' is never reached.
      deadline: deadline?.cutoff ?? '',
    });
  }
  return { kind: 'resumption', term: resumptionTerm(policy, paidOn, input.months), paidOn };
}
