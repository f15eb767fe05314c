import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  NOTICE_CODES,
  SCREEN_CODES,
  addDays,
  decideLaunch,
  jstDateOf,
  type LaunchLicense,
  type LaunchPolicy,
} from '../../../../src-shared/licensing';
import { dateFromDayNumber } from '../../../../src-shared/licensing/calendar-date';
import { CLOSURES } from './rules-fixtures';

const base = { renewalWindowMonths: 2, closures: CLOSURES, offlineWarningDays: 30 };
const desktopPackage: LaunchPolicy = {
  ...base,
  basis: 'day',
  resumptionYears: null,
  cutoffHour: 16,
  edition: 'package',
  kind: 'perpetual',
};
const desktopDownload: LaunchPolicy = {
  ...base,
  basis: 'day',
  resumptionYears: null,
  cutoffHour: 15,
  edition: 'download',
  kind: 'subscription',
};
const modelling: LaunchPolicy = {
  ...base,
  basis: 'month-end',
  resumptionYears: 3,
  cutoffHour: 15,
  edition: 'download',
  kind: 'perpetual',
};
const annual: LaunchPolicy = { ...modelling, kind: 'annual', resumptionYears: null };
const terminal: LaunchPolicy = { ...desktopDownload, reminders: [] };

const license = (end: string, overrides: Partial<LaunchLicense> = {}): LaunchLicense => ({
  term: { start: '2020-01-01', end },
  state: 'active',
  trial: false,
  lastOnlineCheck: '2020-06-01T00:00:00Z',
  ...overrides,
});

describe('decideLaunch — SPEC §5 table', () => {
  it('asks for activation without a license', () => {
    expect(decideLaunch({ policy: desktopPackage, now: '2021-01-01T00:00:00Z', license: null, online: true })).toEqual({
      canStart: false,
      screen: 'activate',
      notices: [],
      daysRemaining: null,
    });
  });

  it('stops a moved, revoked or cancelled license even within its term', () => {
    const now = '2021-01-01T00:00:00Z';
    const within = '2021-12-31';
    expect(
      decideLaunch({ policy: desktopPackage, now, license: license(within, { state: 'moved' }), online: true }),
    ).toMatchObject({
      canStart: false,
      screen: 'license-moved',
    });
    for (const state of ['revoked', 'cancelled'] as const) {
      expect(decideLaunch({ policy: desktopPackage, now, license: license(within, { state }), online: true })).toMatchObject({
        canStart: false,
        screen: 'license-stopped',
      });
    }
  });

  it('shows nothing within the term', () => {
    expect(
      decideLaunch({ policy: desktopPackage, now: '2021-01-01T00:00:00Z', license: license('2021-12-31'), online: true }),
    ).toEqual({
      canStart: true,
      screen: 'none',
      notices: [],
      daysRemaining: 364,
    });
  });

  it('expired package edition (perpetual) starts and offers 今スグ更新する', () => {
    expect(
      decideLaunch({ policy: desktopPackage, now: '2022-01-01T00:00:00+09:00', license: license('2021-12-31'), online: true }),
    ).toEqual({
      canStart: true,
      screen: 'renew-now',
      notices: [],
      daysRemaining: -1,
    });
  });

  it('expired download edition (subscription) does not start and offers the renewal web page', () => {
    expect(
      decideLaunch({ policy: desktopDownload, now: '2022-01-01T00:00:00+09:00', license: license('2021-12-31'), online: true }),
    ).toEqual({
      canStart: false,
      screen: 'renewal-web-page',
      notices: [],
      daysRemaining: -1,
    });
  });

  it('the end date is the last day of service, in JST', () => {
    const lastMoment = decideLaunch({
      policy: desktopDownload,
      now: '2021-12-31T14:59:59Z',
      license: license('2021-12-31'),
      online: true,
    });
    expect(lastMoment).toMatchObject({ canStart: true, screen: 'none', daysRemaining: 0 });
    const nextDay = decideLaunch({
      policy: desktopDownload,
      now: '2021-12-31T15:00:00Z',
      license: license('2021-12-31'),
      online: true,
    });
    expect(nextDay).toMatchObject({ canStart: false, screen: 'renewal-web-page', daysRemaining: -1 });
  });

  it('perpetual modelling tool keeps starting; past the resumption deadline it offers a new purchase', () => {
    const ended = license('2020-07-31');
    expect(decideLaunch({ policy: modelling, now: '2023-07-31T15:00:00+09:00', license: ended, online: true })).toMatchObject({
      canStart: true,
      screen: 'renewal-web-page',
    });
    expect(decideLaunch({ policy: modelling, now: '2023-07-31T15:00:01+09:00', license: ended, online: true })).toMatchObject({
      canStart: true,
      screen: 'repurchase',
    });
    expect(
      decideLaunch({ policy: { ...modelling, edition: 'package' }, now: '2021-08-01T00:00:00Z', license: ended, online: true }),
    ).toMatchObject({ canStart: true, screen: 'renew-now' });
  });

  it('an expired annual license does not start and can only be bought again', () => {
    expect(
      decideLaunch({ policy: annual, now: '2021-05-01T00:00:00+09:00', license: license('2021-04-30'), online: true }),
    ).toEqual({
      canStart: false,
      screen: 'repurchase',
      notices: [],
      daysRemaining: -1,
    });
  });

  it('a trial past its end stops with trial-ended; within it, it starts without renewal notices', () => {
    const trial = license('2024-01-31', { trial: true, lastOnlineCheck: null });
    expect(decideLaunch({ policy: terminal, now: '2024-02-01T00:00:00+09:00', license: trial, online: true })).toEqual({
      canStart: false,
      screen: 'trial-ended',
      notices: [],
      daysRemaining: -1,
    });
    expect(decideLaunch({ policy: terminal, now: '2024-01-25T00:00:00+09:00', license: trial, online: false })).toEqual({
      canStart: true,
      screen: 'none',
      notices: [],
      daysRemaining: 6,
    });
    // Even a perpetual product's trial ends: a trial is not a purchased license.
    expect(
      decideLaunch({ policy: desktopPackage, now: '2024-02-01T00:00:00+09:00', license: trial, online: true }).canStart,
    ).toBe(false);
  });
});

describe('decideLaunch — notices (SPEC §3)', () => {
  const end = '2020-09-30';
  const at = (date: string, policy: LaunchPolicy = modelling, online = true) =>
    decideLaunch({ policy, now: `${date}T12:00:00+09:00`, license: license(end), online });

  it('2-month reminder from the window opening, 20-day reminder from 20 days before the end', () => {
    expect(at('2020-07-31').notices).toEqual([]);
    expect(at('2020-08-01').notices).toEqual(['reminder-2-months']);
    expect(at('2020-09-09')).toMatchObject({ notices: ['reminder-2-months'], daysRemaining: 21 });
    expect(at('2020-09-10')).toMatchObject({ notices: ['reminder-2-months', 'reminder-20-days'], daysRemaining: 20 });
    expect(at('2020-09-30')).toMatchObject({ notices: ['reminder-2-months', 'reminder-20-days'], daysRemaining: 0 });
  });

  it('day-basis window: the 2-month reminder starts two months before the end date', () => {
    expect(at('2020-07-29', desktopPackage).notices).toEqual([]);
    expect(at('2020-07-30', desktopPackage).notices).toEqual(['reminder-2-months']);
  });

  it('warns to connect when fewer than 30 days remain and the service was not reached', () => {
    expect(at('2020-08-31', modelling, false)).toMatchObject({ daysRemaining: 30, notices: ['reminder-2-months'] });
    expect(at('2020-09-01', modelling, false)).toMatchObject({
      daysRemaining: 29,
      notices: ['connect-network', 'reminder-2-months'],
    });
    expect(at('2020-09-01', modelling, true).notices).toEqual(['reminder-2-months']);
    expect(at('2020-09-01', terminal, false).notices).toEqual(['connect-network']);
    expect(at('2020-06-01', terminal, false).notices).toEqual([]);
  });

  it('keeps asking to connect after the end when offline: an online extension may be waiting', () => {
    expect(at('2020-10-01', terminal, false)).toMatchObject({
      canStart: false,
      screen: 'renewal-web-page',
      notices: ['connect-network'],
    });
  });

  it('follows the policy’s reminder list', () => {
    expect(at('2020-09-20', { ...modelling, reminders: ['reminder-20-days'] }).notices).toEqual(['reminder-20-days']);
    expect(at('2020-09-20', terminal).notices).toEqual([]);
  });
});

describe('decideLaunch — properties', () => {
  const anyPolicy = fc.constantFrom(desktopPackage, desktopDownload, modelling, annual, terminal);
  const anyInstant = fc.integer({ min: 946_684_800_000, max: 2_524_608_000_000 }).map((ms) => new Date(ms).toISOString());
  const anyEnd = fc.integer({ min: 10_957, max: 29_220 }).map(dateFromDayNumber);

  it('daysRemaining is the day count from today (JST) to the end; only a perpetual license starts expired', () => {
    fc.assert(
      fc.property(anyPolicy, anyInstant, anyEnd, fc.boolean(), (policy, now, end, online) => {
        const decision = decideLaunch({ policy, now, license: license(end), online });
        expect(decision.daysRemaining).not.toBeNull();
        const remaining = decision.daysRemaining ?? Number.NaN;
        expect(addDays(jstDateOf(now), remaining)).toBe(end);
        expect(SCREEN_CODES).toContain(decision.screen);
        for (const notice of decision.notices) expect(NOTICE_CODES).toContain(notice);
        if (remaining >= 0) {
          expect(decision).toMatchObject({ canStart: true, screen: 'none' });
        } else {
          expect(decision.canStart).toBe(policy.kind === 'perpetual');
          expect(decision.screen).not.toBe('none');
          expect(decision.notices.filter((notice) => notice.startsWith('reminder'))).toEqual([]);
        }
        expect(decision.notices.includes('connect-network')).toBe(!online && remaining < policy.offlineWarningDays);
        if (remaining >= 0 && remaining <= 20 && policy !== terminal) expect(decision.notices).toContain('reminder-20-days');
      }),
    );
  });
});
