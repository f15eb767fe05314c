import { parseDate } from './calendar-date';
import { daysRemaining as daysRemainingUntil } from './days-remaining';
import { instantToEpochMs, jstDateOf } from './jst';
import type { NoticeCode, ReminderNoticeCode, ScreenCode, LicenseState, LicenseSupportState } from './launch-codes';
import { REMINDER_NOTICE_CODES } from './launch-codes';
import { type Edition, type LicenseKind, isRenewable, startsAfterExpiry } from './license-kind';
import { renewalWindowOpens } from './renewal-window';
import { isPastResumptionDeadline } from './resumption-deadline';
import type { Term } from './term';
import { type TermRules, assertTermRules } from './term-rules';

const TWENTY_DAY_REMINDER_DAYS = 20;

export type LaunchPolicy = TermRules & {
  edition: Edition;
  kind: LicenseKind;
  offlineWarningDays: number;
  /**
   * Which renewal reminders the product shows. Optional so a policy written as in the issue keeps working:
   * absent means both (seed 003's schedule). The catalog sets [] for products renewed automatically online.
   */
  reminders?: readonly ReminderNoticeCode[];
};

export type LaunchLicense = {
  term: Term;
  state: LicenseState;
  trial: boolean;
  lastOnlineCheck: string | null;
  /**
   * Seed 003: the signed support state among the customer's licenses. Absent for a single license, which then
   * behaves as it always did; `ended-continues` behaves the same (a perpetual license past its term).
   */
  support?: LicenseSupportState;
};

/**
 * What the app can still trust without the service: the signed lease and the latest time it has seen. Optional so
 * the pure SPEC §5 table can be asked on its own; the desktop app always passes it.
 */
export type LaunchTrust = {
  /** `leaseUntil` of the verified signed license. */
  leaseUntil: string;
  /** How long past the lease the app keeps working while it warns (`needs-online-check` notice). */
  leaseGraceMs: number;
  /** Monotonic latest instant seen (clock, signed issuedAt, service time); null when none yet. */
  latestSeen: string | null;
  /** A clock earlier than `latestSeen` by more than this is a rollback. */
  rollbackToleranceMs: number;
};

export type LaunchInput = {
  policy: LaunchPolicy;
  now: string;
  license: LaunchLicense | null;
  online: boolean;
  trust?: LaunchTrust;
  /** The service said a renewal of this license is placed and not paid (pending, lapsed or needs support). */
  unpaidRenewal?: boolean;
};

export type LaunchDecision = {
  canStart: boolean;
  screen: ScreenCode;
  notices: NoticeCode[];
  daysRemaining: number | null;
};

function blocked(screen: ScreenCode, daysRemaining: number | null): LaunchDecision {
  return { canStart: false, screen, notices: [], daysRemaining };
}

/** SPEC §5 startup table plus §3's reminders and offline warning. Pure: `now` and `online` are inputs. */
export function decideLaunch({ policy, now, license, online, trust, unpaidRenewal = false }: LaunchInput): LaunchDecision {
  assertTermRules(policy);
  const today = jstDateOf(now);
  if (license === null) return blocked('activate', null);
  parseDate(license.term.start);
  const remaining = daysRemainingUntil(license.term.end, now);
  // Before anything is computed from the clock: a clock set back must not buy days.
  if (trust && isClockRolledBack(trust, now)) return blocked('clock-rollback', remaining);
  if (license.state === 'moved') return blocked('license-moved', remaining);
  if (license.state === 'revoked' || license.state === 'cancelled') return blocked('license-stopped', remaining);
  // Renewed without this one (seed 003): stopped by the vendor's signed word, like a revocation, lease or not.
  if (license.support === 'ended-stopped') return blocked('license-not-renewed', remaining);
  const pastLeaseMs = trust ? instantToEpochMs(now) - instantToEpochMs(trust.leaseUntil) : Number.NEGATIVE_INFINITY;
  if (trust && pastLeaseMs > trust.leaseGraceMs) return blocked('needs-online-check', remaining);

  const notices: NoticeCode[] = [];
  // Inside the grace: the app works and says it must reach the service soon.
  if (pastLeaseMs > 0) notices.push('needs-online-check');

  const expired = remaining < 0;
  if (license.trial) {
    // A trial is not renewed, so it gets no renewal reminders and no renewal-period offline warning.
    return expired ? blocked('trial-ended', remaining) : { canStart: true, screen: 'none', notices, daysRemaining: remaining };
  }

  // Also after the end: a subscription extended online (seed 001) only comes back once the app can reach the service.
  if (!online && remaining < policy.offlineWarningDays) notices.push('connect-network');
  if (unpaidRenewal) notices.push('renewal-unpaid');
  // Suspended only matters while this license's own term runs; after it, the usual expiry screens apply.
  if (license.support === 'suspended' && !expired) notices.push('support-suspended');

  if (expired) {
    const repurchase = !isRenewable(policy.kind) || isPastResumptionDeadline(policy, license.term.end, now);
    const screen: ScreenCode = repurchase ? 'repurchase' : policy.edition === 'package' ? 'renew-now' : 'renewal-web-page';
    return { canStart: startsAfterExpiry(policy.kind), screen, notices, daysRemaining: remaining };
  }

  const reminders = policy.reminders ?? REMINDER_NOTICE_CODES;
  if (reminders.includes('reminder-2-months') && today >= renewalWindowOpens(policy, license.term.end)) {
    notices.push('reminder-2-months');
  }
  if (reminders.includes('reminder-20-days') && remaining <= TWENTY_DAY_REMINDER_DAYS) {
    notices.push('reminder-20-days');
  }
  return { canStart: true, screen: 'none', notices, daysRemaining: remaining };
}

function isClockRolledBack(trust: LaunchTrust, now: string): boolean {
  return trust.latestSeen !== null && instantToEpochMs(trust.latestSeen) - instantToEpochMs(now) > trust.rollbackToleranceMs;
}
