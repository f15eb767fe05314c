import { type CalendarDate, addDays, parseDate } from './calendar-date';
import { type Instant, jstDateOf } from './jst';
import type { LicenseState } from './launch-codes';
import type { LicenseKind } from './license-kind';
import { LicensingError } from './licensing-error';
import type { Term } from './term';

/**
 * Seed 003's rules for a customer who holds several licenses with differing support terms:
 * 「サポート期間の異なるライセンスがある場合、最初にサポートが終了した翌日に、他のサポートIDは一時停止状態となります。」
 * 「ご購入の全てのライセンスのサポートを延長せずサポートを終了した場合には、そのライセンスは継続して利用できます。
 *  ご購入のライセンスの一部のみをサポート更新する場合、サポート更新しないライセンスは継続利用できません。」
 * Every interpretation is written down in docs/decisions.md ("Several licenses of one customer").
 */
export const CUSTOMER_SUPPORT_STATES = ['active', 'suspended', 'ended-continues', 'ended-stopped', 'withdrawn'] as const;
export type CustomerSupportState = (typeof CUSTOMER_SUPPORT_STATES)[number];

export type CustomerLicense = {
  id: string;
  productCode: string;
  /** The catalog's product line (`product.line`); licenses of different lines never affect each other. */
  line: string;
  kind: LicenseKind;
  /** The current support term, inclusive JST dates (a continuous renewal moves `end`, a resumption both). */
  term: Term;
  state: LicenseState;
  /** JST date on which the latest renewal or resumption of this license's support was paid; null when never renewed. */
  lastRenewedOn: CalendarDate | null;
};

/** Why a license is suspended: the first license of its line whose support ended and was not renewed. */
export type SuspensionCause = { licenseId: string; endedOn: CalendarDate; suspendedFrom: CalendarDate };

/** Why a license whose support ended can no longer be used. */
export type StopCause =
  { reason: 'renewed-without-it'; licenseId: string; renewedOn: CalendarDate } | { reason: 'not-perpetual' };

export type CustomerLicenseSupport =
  | { id: string; state: 'active' }
  | { id: string; state: 'suspended'; cause: SuspensionCause }
  | { id: string; state: 'ended-continues'; endedOn: CalendarDate }
  | { id: string; state: 'ended-stopped'; endedOn: CalendarDate; cause: StopCause }
  | { id: string; state: 'withdrawn' };

function assertLicenses(licenses: readonly CustomerLicense[]): void {
  const seen = new Set<string>();
  for (const license of licenses) {
    // A duplicated id would make the answer depend on the order of the input; it is the caller's bug.
    if (seen.has(license.id)) throw new Error(`license listed twice: ${license.id}`);
    seen.add(license.id);
    parseDate(license.term.start);
    parseDate(license.term.end);
    if (license.lastRenewedOn !== null) parseDate(license.lastRenewedOn);
    if (license.term.start > license.term.end) {
      throw new LicensingError('invalid-date', `license ${license.id}: term starts after it ends`, {
        value: `${license.term.start}..${license.term.end}`,
      });
    }
  }
}

/** Orders candidates by a date, then by id, so that the answer never depends on the input order. */
function byDateThenId<T extends { id: string }>(date: (candidate: T) => CalendarDate): (a: T, b: T) => number {
  return (a, b) => (date(a) < date(b) ? -1 : date(a) > date(b) ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The support state of each of one customer's licenses at `now` (JST), in the input's order. Pure; the order of the
 * input never changes any license's state or cause.
 */
export function customerSupportStates(licenses: readonly CustomerLicense[], now: Instant): CustomerLicenseSupport[] {
  assertLicenses(licenses);
  const today = jstDateOf(now);
  // Only perpetual licenses carry a support term separate from the right to use them (seed 003's サポートID);
  // cancelled or revoked licenses no longer belong to the customer's set.
  const aligned = licenses.filter(
    (license) => license.kind === 'perpetual' && license.state !== 'cancelled' && license.state !== 'revoked',
  );
  const ended = (license: CustomerLicense) => license.term.end < today;

  /** The first other license of the line renewed after this one's support ended (a partial renewal). */
  function renewedWithout(license: CustomerLicense): (CustomerLicense & { lastRenewedOn: CalendarDate }) | undefined {
    return aligned
      .filter(
        (other): other is CustomerLicense & { lastRenewedOn: CalendarDate } =>
          other.id !== license.id &&
          other.line === license.line &&
          other.lastRenewedOn !== null &&
          other.lastRenewedOn > license.term.end,
      )
      .sort(byDateThenId((other) => other.lastRenewedOn))[0];
  }

  return licenses.map((license): CustomerLicenseSupport => {
    const { id } = license;
    if (license.state === 'cancelled' || license.state === 'revoked') return { id, state: 'withdrawn' };
    if (license.kind !== 'perpetual') {
      return ended(license)
        ? { id, state: 'ended-stopped', endedOn: license.term.end, cause: { reason: 'not-perpetual' } }
        : { id, state: 'active' };
    }
    if (ended(license)) {
      const renewed = renewedWithout(license);
      if (renewed === undefined) return { id, state: 'ended-continues', endedOn: license.term.end };
      return {
        id,
        state: 'ended-stopped',
        endedOn: license.term.end,
        cause: { reason: 'renewed-without-it', licenseId: renewed.id, renewedOn: renewed.lastRenewedOn },
      };
    }
    // Running: suspended by the first license of the line that ended while this one was running and was neither
    // renewed nor given up by renewing others without it.
    const cause = aligned
      .filter(
        (other) =>
          other.id !== license.id &&
          other.line === license.line &&
          ended(other) &&
          license.term.start <= addDays(other.term.end, 1) &&
          renewedWithout(other) === undefined,
      )
      .sort(byDateThenId((other) => other.term.end))[0];
    if (cause === undefined) return { id, state: 'active' };
    return {
      id,
      state: 'suspended',
      cause: { licenseId: cause.id, endedOn: cause.term.end, suspendedFrom: addDays(cause.term.end, 1) },
    };
  });
}
