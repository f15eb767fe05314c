import { parseDate } from './calendar-date';
import { daysRemaining as daysRemainingUntil } from './days-remaining';
import { jstDateOf } from './jst';
import type { NoticeCode, ReminderNoticeCode, ScreenCode, LicenseState } from './launch-codes';
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
};

export type LaunchInput = {
  policy: LaunchPolicy;
  now: string;
  license: LaunchLicense | null;
  online: boolean;
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
export function decideLaunch({ policy, now, license, online }: LaunchInput): LaunchDecision {
  assertTermRules(policy);
  const today = jstDateOf(now);
  if (license === null) return blocked('activate', null);
  parseDate(license.term.start);
  const remaining = daysRemainingUntil(license.term.end, now);
  if (license.state === 'moved') return blocked('license-moved', remaining);
  if (license.state === 'revoked' || license.state === 'cancelled') return blocked('license-stopped', remaining);

  const expired = remaining < 0;
  if (license.trial) {
    // A trial is not renewed, so it gets no renewal reminders and no renewal-period offline warning.
    return expired
      ? blocked('trial-ended', remaining)
      : { canStart: true, screen: 'none', notices: [], daysRemaining: remaining };
  }

  const notices: NoticeCode[] = [];
  // Also after the end: a subscription extended online (seed 001) only comes back once the app can reach the service.
  if (!online && remaining < policy.offlineWarningDays) notices.push('connect-network');

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
