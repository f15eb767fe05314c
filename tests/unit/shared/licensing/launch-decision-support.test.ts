import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideLaunch, type LaunchLicense, type LaunchPolicy } from '../../../../src-shared/licensing';
import { dateFromDayNumber } from '../../../../src-shared/licensing/calendar-date';
import { CLOSURES } from './rules-fixtures';

// Seed 003's modelling tool: a perpetual license, support terms ending on a month end.
const modelling: LaunchPolicy = {
  renewalWindowMonths: 2,
  closures: CLOSURES,
  offlineWarningDays: 30,
  basis: 'month-end',
  resumptionYears: 3,
  cutoffHour: 15,
  edition: 'download',
  kind: 'perpetual',
};
const desktopPackage: LaunchPolicy = { ...modelling, basis: 'day', resumptionYears: null, cutoffHour: 16, edition: 'package' };
const subscription: LaunchPolicy = { ...modelling, kind: 'subscription', basis: 'day', resumptionYears: null };

const license = (end: string, overrides: Partial<LaunchLicense> = {}): LaunchLicense => ({
  term: { start: '2020-01-01', end },
  state: 'active',
  trial: false,
  lastOnlineCheck: '2020-06-01T00:00:00Z',
  ...overrides,
});
const trust = (leaseUntil: string) => ({
  leaseUntil,
  leaseGraceMs: 3 * 86_400_000,
  latestSeen: null,
  rollbackToleranceMs: 3_600_000,
});

// 2021-01-15 JST: within a term ending 2021-04-30; a sibling license ended 2020-12-31.
const NOW = '2021-01-15T03:00:00Z';

describe('decideLaunch — several licenses of one customer (seed 003)', () => {
  it('suspended within its own term: the product starts on home, with the support-suspended notice', () => {
    expect(
      decideLaunch({ policy: modelling, now: NOW, license: license('2021-04-30', { support: 'suspended' }), online: true }),
    ).toEqual({ canStart: true, screen: 'none', notices: ['support-suspended'], daysRemaining: 105 });
  });

  it('lists the notice after an unpaid renewal and before the reminders (display order)', () => {
    const decision = decideLaunch({
      policy: modelling,
      now: NOW,
      license: license('2021-01-31', { support: 'suspended' }),
      online: false,
      unpaidRenewal: true,
    });
    expect(decision.notices).toEqual([
      'connect-network',
      'renewal-unpaid',
      'support-suspended',
      'reminder-2-months',
      'reminder-20-days',
    ]);
  });

  it('suspended after its own end: the usual expiry screen, and no suspension notice', () => {
    const decision = decideLaunch({
      policy: desktopPackage,
      now: '2021-05-01T00:00:00+09:00',
      license: license('2021-04-30', { support: 'suspended' }),
      online: true,
    });
    expect(decision).toEqual({ canStart: true, screen: 'renew-now', notices: [], daysRemaining: -1 });
  });

  it('ended-stopped: a blocking license-not-renewed screen, whatever the term and the lease', () => {
    for (const end of ['2020-12-31', '2021-04-30']) {
      expect(
        decideLaunch({
          policy: modelling,
          now: NOW,
          license: license(end, { support: 'ended-stopped' }),
          online: true,
          trust: trust('2021-01-01T00:00:00Z'),
        }),
      ).toMatchObject({ canStart: false, screen: 'license-not-renewed', notices: [] });
    }
  });

  it('ended-stopped keeps its remaining days (negative after the end) for the screen', () => {
    expect(
      decideLaunch({ policy: modelling, now: NOW, license: license('2020-12-31', { support: 'ended-stopped' }), online: true })
        .daysRemaining,
    ).toBe(-15);
  });

  it('a clock set back, a move and a revocation still come first', () => {
    const stopped = (overrides: Partial<LaunchLicense>) =>
      decideLaunch({
        policy: modelling,
        now: NOW,
        license: license('2020-12-31', { support: 'ended-stopped', ...overrides }),
        online: true,
        trust: { ...trust('2021-02-01T00:00:00Z'), latestSeen: '2021-01-20T00:00:00Z' },
      }).screen;
    expect(stopped({})).toBe('clock-rollback');
    const noRollback = (overrides: Partial<LaunchLicense>) =>
      decideLaunch({
        policy: modelling,
        now: NOW,
        license: license('2020-12-31', { support: 'ended-stopped', ...overrides }),
        online: true,
      }).screen;
    expect(noRollback({ state: 'moved' })).toBe('license-moved');
    expect(noRollback({ state: 'revoked' })).toBe('license-stopped');
  });

  it('ended-continues works as a perpetual license past its term does without the field', () => {
    const input = { policy: desktopPackage, now: '2021-05-01T00:00:00+09:00', online: true };
    const continues = decideLaunch({ ...input, license: license('2021-04-30', { support: 'ended-continues' }) });
    expect(continues).toEqual(decideLaunch({ ...input, license: license('2021-04-30') }));
    expect(continues).toMatchObject({ canStart: true, screen: 'renew-now' });
  });

  describe('properties', () => {
    const anyPolicy = fc.constantFrom(modelling, desktopPackage, subscription);
    const anyInstant = fc.integer({ min: 946_684_800_000, max: 2_524_608_000_000 }).map((ms) => new Date(ms).toISOString());
    const anyEnd = fc.integer({ min: 10_957, max: 29_220 }).map(dateFromDayNumber);

    it('absent, active and ended-continues decide exactly alike (a single license is unchanged)', () => {
      fc.assert(
        fc.property(anyPolicy, anyInstant, anyEnd, fc.boolean(), fc.boolean(), (policy, now, end, online, unpaidRenewal) => {
          const absent = decideLaunch({ policy, now, license: license(end), online, unpaidRenewal });
          for (const support of ['active', 'ended-continues'] as const) {
            expect(decideLaunch({ policy, now, license: license(end, { support }), online, unpaidRenewal })).toEqual(absent);
          }
        }),
      );
    });

    it('suspended changes neither whether nor where the product starts; it adds its notice only within the term', () => {
      fc.assert(
        fc.property(anyPolicy, anyInstant, anyEnd, fc.boolean(), (policy, now, end, online) => {
          const absent = decideLaunch({ policy, now, license: license(end), online });
          const suspended = decideLaunch({ policy, now, license: license(end, { support: 'suspended' }), online });
          expect(suspended.canStart).toBe(absent.canStart);
          expect(suspended.screen).toBe(absent.screen);
          expect(suspended.notices.filter((n) => n !== 'support-suspended')).toEqual(absent.notices);
          expect(suspended.notices.includes('support-suspended')).toBe((absent.daysRemaining ?? -1) >= 0);
        }),
      );
    });
  });
});
