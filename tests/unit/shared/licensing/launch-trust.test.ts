import { describe, expect, it } from 'vitest';
import {
  decideLaunch,
  type LaunchInput,
  type LaunchLicense,
  type LaunchPolicy,
  type LaunchTrust,
} from '../../../../src-shared/licensing';
import { CLOSURES } from './rules-fixtures';

// decideLaunch's `trust` input (issue 7, item 3): the signed lease with its grace, the clock watermark with its
// tolerance, and the unpaid-renewal notice. Each boundary is asked exactly at the limit and 1 ms past it.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const GRACE = 3 * DAY;
const TOLERANCE = HOUR;

const download: LaunchPolicy = {
  basis: 'day',
  renewalWindowMonths: 2,
  resumptionYears: null,
  cutoffHour: 15,
  closures: CLOSURES,
  offlineWarningDays: 30,
  edition: 'download',
  kind: 'subscription',
  reminders: [],
};
const pkg: LaunchPolicy = { ...download, edition: 'package', kind: 'perpetual', cutoffHour: 16 };

const LEASE_UNTIL = '2026-12-06T01:00:00.000Z';
const leaseMs = Date.parse(LEASE_UNTIL);
const iso = (ms: number) => new Date(ms).toISOString();

const license = (overrides: Partial<LaunchLicense> = {}): LaunchLicense => ({
  term: { start: '2026-04-01', end: '2027-03-31' },
  state: 'active',
  trial: false,
  lastOnlineCheck: null,
  ...overrides,
});
const trust = (overrides: Partial<LaunchTrust> = {}): LaunchTrust => ({
  leaseUntil: LEASE_UNTIL,
  leaseGraceMs: GRACE,
  latestSeen: null,
  rollbackToleranceMs: TOLERANCE,
  ...overrides,
});
const decide = (now: string, overrides: Partial<LaunchInput> = {}) =>
  decideLaunch({ policy: download, now, license: license(), online: true, trust: trust(), ...overrides });

describe('the signed lease and its grace', () => {
  it('runs without notice up to the lease end, inclusive', () => {
    expect(decide(iso(leaseMs - DAY))).toMatchObject({ canStart: true, screen: 'none', notices: [] });
    expect(decide(LEASE_UNTIL)).toMatchObject({ canStart: true, screen: 'none', notices: [] });
  });

  it('1 ms past the lease: still runs, with the needs-online-check notice', () => {
    expect(decide(iso(leaseMs + 1))).toMatchObject({ canStart: true, screen: 'none', notices: ['needs-online-check'] });
  });

  it('exactly at the end of the grace: still runs with the notice; 1 ms later: the needs-online-check screen', () => {
    expect(decide(iso(leaseMs + GRACE))).toMatchObject({ canStart: true, screen: 'none', notices: ['needs-online-check'] });
    expect(decide(iso(leaseMs + GRACE + 1))).toEqual({
      canStart: false,
      screen: 'needs-online-check',
      notices: [],
      daysRemaining: expect.any(Number),
    });
  });

  it('compares instants, whatever offset they are written with', () => {
    const sameInstantInJst = '2026-12-06T10:00:00.000+09:00';
    expect(decide(iso(leaseMs + 1), { trust: trust({ leaseUntil: sameInstantInJst }) }).notices).toEqual(['needs-online-check']);
    expect(decide(iso(leaseMs), { trust: trust({ leaseUntil: sameInstantInJst }) }).notices).toEqual([]);
  });

  it('a zero grace blocks 1 ms after the lease', () => {
    expect(decide(iso(leaseMs), { trust: trust({ leaseGraceMs: 0 }) }).screen).toBe('none');
    expect(decide(iso(leaseMs + 1), { trust: trust({ leaseGraceMs: 0 }) }).screen).toBe('needs-online-check');
  });

  it('also stops a package edition, a trial and an expired license once past the grace', () => {
    const late = iso(leaseMs + GRACE + 1);
    expect(decide(late, { policy: pkg }).screen).toBe('needs-online-check');
    expect(decide(late, { license: license({ trial: true }) }).screen).toBe('needs-online-check');
    const expired = license({ term: { start: '2025-12-01', end: '2026-11-30' } });
    expect(decide(late, { policy: pkg, license: expired })).toMatchObject({ canStart: false, screen: 'needs-online-check' });
  });

  it('a trial inside the grace gets the notice too', () => {
    expect(decide(iso(leaseMs + 1), { license: license({ trial: true }) })).toMatchObject({
      canStart: true,
      notices: ['needs-online-check'],
    });
  });

  it('a stop said by the service outranks the lease', () => {
    const late = iso(leaseMs + GRACE + 1);
    expect(decide(late, { license: license({ state: 'moved' }) }).screen).toBe('license-moved');
    expect(decide(late, { license: license({ state: 'revoked' }) }).screen).toBe('license-stopped');
  });

  it('without trust the pure SPEC §5 table applies (no lease)', () => {
    expect(decide(iso(leaseMs + 30 * DAY), { trust: undefined })).toMatchObject({ canStart: true, screen: 'none', notices: [] });
  });
});

describe('the clock watermark and its tolerance', () => {
  const seen = Date.parse('2026-11-22T01:00:00.000Z');
  const withSeen = (now: number, overrides: Partial<LaunchInput> = {}) =>
    decide(iso(now), { trust: trust({ latestSeen: iso(seen) }), ...overrides });

  it('a clock later than the watermark is fine', () => {
    expect(withSeen(seen + DAY)).toMatchObject({ canStart: true, screen: 'none' });
    expect(withSeen(seen)).toMatchObject({ canStart: true, screen: 'none' });
  });

  it('earlier by exactly the tolerance: runs; by 1 ms more: clock-rollback, cannot start', () => {
    expect(withSeen(seen - TOLERANCE)).toMatchObject({ canStart: true, screen: 'none' });
    expect(withSeen(seen - TOLERANCE - 1)).toEqual({
      canStart: false,
      screen: 'clock-rollback',
      notices: [],
      daysRemaining: expect.any(Number),
    });
  });

  it('a zero tolerance refuses 1 ms back', () => {
    expect(decide(iso(seen), { trust: trust({ latestSeen: iso(seen), rollbackToleranceMs: 0 }) }).screen).toBe('none');
    expect(decide(iso(seen - 1), { trust: trust({ latestSeen: iso(seen), rollbackToleranceMs: 0 }) }).screen).toBe(
      'clock-rollback',
    );
  });

  it('no watermark yet: no rollback can be told', () => {
    expect(decide(iso(seen - 365 * DAY))).toMatchObject({ screen: 'none' });
  });

  it('a clock set back cannot buy days: it outranks an expired term, a stop and the lease', () => {
    const back = seen - 30 * DAY;
    const expired = license({ term: { start: '2025-11-01', end: '2026-11-20' } });
    expect(withSeen(back, { license: expired, policy: pkg }).screen).toBe('clock-rollback');
    expect(withSeen(back, { license: license({ state: 'moved' }) }).screen).toBe('clock-rollback');
    const farBack = decide(iso(back), { trust: trust({ latestSeen: iso(seen), leaseUntil: iso(back - 10 * DAY) }) });
    expect(farBack.screen).toBe('clock-rollback');
  });

  it('compares instants whatever offset they are written with', () => {
    const seenInJst = '2026-11-22T10:00:00.000+09:00';
    expect(decide(iso(seen - TOLERANCE), { trust: trust({ latestSeen: seenInJst }) }).screen).toBe('none');
    expect(decide(iso(seen - TOLERANCE - 1), { trust: trust({ latestSeen: seenInJst }) }).screen).toBe('clock-rollback');
  });
});

describe('renewal-unpaid', () => {
  const now = '2026-11-22T01:00:00.000Z';

  it('is a notice when the service says a renewal is placed and not paid, and only then', () => {
    expect(decide(now, { unpaidRenewal: true })).toMatchObject({ canStart: true, screen: 'none', notices: ['renewal-unpaid'] });
    expect(decide(now, { unpaidRenewal: false }).notices).toEqual([]);
    expect(decide(now).notices).toEqual([]);
  });

  it('keeps the notice order: online check, network, unpaid renewal, reminders', () => {
    const withReminders: LaunchPolicy = { ...download, reminders: ['reminder-2-months', 'reminder-20-days'] };
    const ending = license({ term: { start: '2026-04-01', end: '2026-12-10' } });
    expect(
      decide(iso(leaseMs + 1), { policy: withReminders, license: ending, online: false, unpaidRenewal: true }).notices,
    ).toEqual(['needs-online-check', 'connect-network', 'renewal-unpaid', 'reminder-2-months', 'reminder-20-days']);
  });

  it('stays beside the expired screen and never lets an expired subscription start', () => {
    const expired = license({ term: { start: '2025-11-01', end: '2026-11-20' } });
    expect(decide(now, { license: expired, unpaidRenewal: true })).toMatchObject({
      canStart: false,
      screen: 'renewal-web-page',
      notices: ['renewal-unpaid'],
    });
    expect(decide(now, { license: expired, policy: pkg, unpaidRenewal: true })).toMatchObject({
      canStart: true,
      screen: 'renew-now',
      notices: ['renewal-unpaid'],
    });
  });

  it('is not shown for a trial (a trial is not renewed), nor on a blocking screen', () => {
    expect(decide(now, { license: license({ trial: true }), unpaidRenewal: true }).notices).toEqual([]);
    expect(decide(iso(leaseMs + GRACE + 1), { unpaidRenewal: true }).notices).toEqual([]);
  });
});
