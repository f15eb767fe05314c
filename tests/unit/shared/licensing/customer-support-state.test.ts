import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LICENSE_KINDS,
  LICENSE_STATES,
  addDays,
  customerSupportStates,
  jstDateOf,
  jstInstantAt,
  type CustomerLicense,
  type CustomerLicenseSupport,
} from '../../../../src-shared/licensing';
import { dateFromDayNumber } from '../../../../src-shared/licensing/calendar-date';
import { expectLicensingError } from './expect-licensing-error';

/** Seed 003's modelling tool: perpetual licenses with support terms ending on a month end. */
function license(id: string, start: string, end: string, extra: Partial<CustomerLicense> = {}): CustomerLicense {
  return {
    id,
    productCode: 'model-studio',
    line: 'model-studio',
    kind: 'perpetual',
    term: { start, end },
    state: 'active',
    lastRenewedOn: null,
    ...extra,
  };
}

// Bought at three different times (「追加購入している場合」), so the three support terms differ.
const first = license('A', '2020-05-01', '2021-04-30');
const second = license('B', '2020-10-01', '2021-09-30');
const third = license('C', '2021-02-01', '2022-01-31');
const customer = [first, second, third];

/** The first JST instant of a date, written in UTC so the JST conversion is really exercised. */
const startOfJstDay = (date: string) => jstInstantAt(date, 0);
const stateById = (states: CustomerLicenseSupport[]) => Object.fromEntries(states.map((s) => [s.id, s]));

describe('「サポート期間の異なるライセンスがある場合、最初にサポートが終了した翌日に、他のサポートIDは一時停止状態となります。」', () => {
  it('every license is active up to the last JST minute of the first end', () => {
    expect(customerSupportStates(customer, '2021-04-30T14:59:59Z')).toEqual([
      { id: 'A', state: 'active' },
      { id: 'B', state: 'active' },
      { id: 'C', state: 'active' },
    ]);
  });

  it('on the day after the first end (00:00 JST = 15:00 UTC) the others are suspended, naming that license', () => {
    const cause = { licenseId: 'A', endedOn: '2021-04-30', suspendedFrom: '2021-05-01' };
    expect(customerSupportStates(customer, '2021-04-30T15:00:00Z')).toEqual([
      { id: 'A', state: 'ended-continues', endedOn: '2021-04-30' },
      { id: 'B', state: 'suspended', cause },
      { id: 'C', state: 'suspended', cause },
    ]);
  });

  it('the cause stays the first end when a second license has ended too', () => {
    const states = stateById(customerSupportStates(customer, startOfJstDay('2021-10-01')));
    expect(states.B).toEqual({ id: 'B', state: 'ended-continues', endedOn: '2021-09-30' });
    expect(states.C).toEqual({
      id: 'C',
      state: 'suspended',
      cause: { licenseId: 'A', endedOn: '2021-04-30', suspendedFrom: '2021-05-01' },
    });
  });

  it('suspension lasts until the first license is renewed (再開: its term restarts on the payment date)', () => {
    const resumed = license('A', '2021-06-10', '2022-05-31', { lastRenewedOn: '2021-06-10' });
    expect(customerSupportStates([resumed, second, third], startOfJstDay('2021-06-10')).map((s) => s.state)).toEqual([
      'active',
      'active',
      'active',
    ]);
    // The day before the payment, it was still suspended.
    expect(customerSupportStates(customer, startOfJstDay('2021-06-09')).map((s) => s.state)).toEqual([
      'ended-continues',
      'suspended',
      'suspended',
    ]);
  });

  it('… or until the licenses are re-aligned to one end date', () => {
    const aligned = [
      license('A', '2021-06-10', '2022-01-31', { lastRenewedOn: '2021-06-10' }),
      license('B', '2020-10-01', '2022-01-31', { lastRenewedOn: '2021-06-10' }),
      third,
    ];
    expect(customerSupportStates(aligned, startOfJstDay('2021-06-10')).map((s) => s.state)).toEqual([
      'active',
      'active',
      'active',
    ]);
  });

  it('a license renewed before the first end is still suspended when the other then lapses', () => {
    // B (ends 05-31) renewed on 04-15 while A could still be renewed; A then lapses on 04-30.
    const renewedEarly = license('B', '2020-06-01', '2022-05-31', { lastRenewedOn: '2021-04-15' });
    expect(customerSupportStates([first, renewedEarly], startOfJstDay('2021-05-01'))).toEqual([
      { id: 'A', state: 'ended-continues', endedOn: '2021-04-30' },
      { id: 'B', state: 'suspended', cause: { licenseId: 'A', endedOn: '2021-04-30', suspendedFrom: '2021-05-01' } },
    ]);
  });

  it('a license bought after the first end was not running on the next day and is not suspended', () => {
    const boughtLater = license('D', '2021-07-01', '2022-06-30');
    expect(customerSupportStates([first, boughtLater], startOfJstDay('2021-07-01'))).toEqual([
      { id: 'A', state: 'ended-continues', endedOn: '2021-04-30' },
      { id: 'D', state: 'active' },
    ]);
  });

  it('licenses of another product line never suspend each other', () => {
    const otherLine = license('K', '2020-10-01', '2021-09-30', { productCode: 'sakura-kaikei', line: 'sakura-desktop' });
    expect(customerSupportStates([first, otherLine], startOfJstDay('2021-05-01'))).toEqual([
      { id: 'A', state: 'ended-continues', endedOn: '2021-04-30' },
      { id: 'K', state: 'active' },
    ]);
  });
});

describe('「ご購入の全てのライセンスのサポートを延長せずサポートを終了した場合には、そのライセンスは継続して利用できます。」', () => {
  it('all three ended and none renewed: every license keeps working', () => {
    expect(customerSupportStates(customer, startOfJstDay('2022-02-01'))).toEqual([
      { id: 'A', state: 'ended-continues', endedOn: '2021-04-30' },
      { id: 'B', state: 'ended-continues', endedOn: '2021-09-30' },
      { id: 'C', state: 'ended-continues', endedOn: '2022-01-31' },
    ]);
  });
});

describe('「ご購入のライセンスの一部のみをサポート更新する場合、サポート更新しないライセンスは継続利用できません。」', () => {
  const renewedB = license('B', '2020-10-01', '2022-09-30', { lastRenewedOn: '2021-09-10' });

  it('B renewed after A ended: A can no longer be used, B works with support', () => {
    const states = stateById(customerSupportStates([first, renewedB, third], startOfJstDay('2021-10-01')));
    expect(states.A).toEqual({
      id: 'A',
      state: 'ended-stopped',
      endedOn: '2021-04-30',
      cause: { reason: 'renewed-without-it', licenseId: 'B', renewedOn: '2021-09-10' },
    });
    expect(states.B).toEqual({ id: 'B', state: 'active' });
    // A was given up by renewing without it, so it suspends no one; C simply runs to its own end.
    expect(states.C).toEqual({ id: 'C', state: 'active' });
  });

  it('C lapsing later, after B was renewed, is a new first end: B is suspended by C until C is renewed', () => {
    // B was renewed while C still had support; only a renewal made after C has ended leaves C behind.
    const states = stateById(customerSupportStates([first, renewedB, third], startOfJstDay('2022-02-01')));
    expect(states.A?.state).toBe('ended-stopped');
    expect(states.C).toEqual({ id: 'C', state: 'ended-continues', endedOn: '2022-01-31' });
    expect(states.B).toEqual({
      id: 'B',
      state: 'suspended',
      cause: { licenseId: 'C', endedOn: '2022-01-31', suspendedFrom: '2022-02-01' },
    });
  });

  it('stays stopped after the renewed license has ended as well (it was renewed without it)', () => {
    const states = customerSupportStates([first, renewedB], startOfJstDay('2022-10-01'));
    expect(states.map((s) => s.state)).toEqual(['ended-stopped', 'ended-continues']);
  });

  it('resuming both (再開) makes both active again', () => {
    const resumedA = license('A', '2021-10-05', '2022-09-30', { lastRenewedOn: '2021-10-05' });
    expect(customerSupportStates([resumedA, renewedB], startOfJstDay('2021-10-05')).map((s) => s.state)).toEqual([
      'active',
      'active',
    ]);
  });
});

describe('kinds and license states outside the alignment', () => {
  it('「年間ライセンスのサポート(保守)の更新・再開はありません」: an annual license stops at its end and suspends no one', () => {
    const annual = license('L', '2020-05-01', '2021-04-30', { productCode: 'model-studio-annual', kind: 'annual' });
    expect(customerSupportStates([annual, second], startOfJstDay('2021-05-01'))).toEqual([
      { id: 'L', state: 'ended-stopped', endedOn: '2021-04-30', cause: { reason: 'not-perpetual' } },
      { id: 'B', state: 'active' },
    ]);
  });

  it('a subscription stops at its end, as SPEC §5 says', () => {
    const subscription = license('S', '2020-05-01', '2021-04-30', { kind: 'subscription' });
    expect(customerSupportStates([subscription], startOfJstDay('2021-04-30'))).toEqual([{ id: 'S', state: 'active' }]);
    expect(customerSupportStates([subscription], startOfJstDay('2021-05-01'))[0]?.state).toBe('ended-stopped');
  });

  it('a cancelled or revoked license is withdrawn and suspends no one; a moved one still counts', () => {
    for (const state of ['cancelled', 'revoked'] as const) {
      expect(customerSupportStates([{ ...first, state }, second], startOfJstDay('2021-05-01'))).toEqual([
        { id: 'A', state: 'withdrawn' },
        { id: 'B', state: 'active' },
      ]);
    }
    const moved = customerSupportStates([{ ...first, state: 'moved' }, second], startOfJstDay('2021-05-01'));
    expect(moved.map((s) => s.state)).toEqual(['ended-continues', 'suspended']);
  });

  it('an empty customer has no states', () => {
    expect(customerSupportStates([], startOfJstDay('2021-05-01'))).toEqual([]);
  });
});

describe('refusals', () => {
  it('refuses a license listed twice, a term that starts after it ends, bad dates and instants', () => {
    expect(() => customerSupportStates([first, first], startOfJstDay('2021-05-01'))).toThrow('listed twice: A');
    expectLicensingError(
      () => customerSupportStates([license('X', '2021-05-01', '2021-04-30')], startOfJstDay('2021-05-01')),
      'invalid-date',
    );
    expectLicensingError(
      () => customerSupportStates([license('X', '2021-02-30', '2021-04-30')], startOfJstDay('2021-05-01')),
      'invalid-date',
    );
    expectLicensingError(
      () => customerSupportStates([{ ...first, lastRenewedOn: '2021/05/01' }], startOfJstDay('2021-05-01')),
      'invalid-date',
    );
    expectLicensingError(() => customerSupportStates(customer, '2021-05-01T00:00:00'), 'invalid-instant');
  });
});

// Dates 2000–2040; lines and kinds from a small pool so licenses often share a line.
const anyDay = fc.integer({ min: 10_957, max: 25_567 });
const anyLicense = (id: string) =>
  fc
    .record({
      line: fc.constantFrom('model-studio', 'sakura-desktop'),
      kind: fc.constantFrom(...LICENSE_KINDS, 'perpetual', 'perpetual'),
      state: fc.constantFrom(...LICENSE_STATES, 'active', 'active'),
      start: anyDay,
      length: fc.integer({ min: 0, max: 1_500 }),
      renewed: fc.option(fc.integer({ min: 0, max: 1_800 }), { nil: null }),
    })
    .map(({ line, kind, state, start, length, renewed }): CustomerLicense => ({
      id,
      productCode: line,
      line,
      kind,
      term: { start: dateFromDayNumber(start), end: dateFromDayNumber(start + length) },
      state,
      lastRenewedOn: renewed === null ? null : dateFromDayNumber(start + renewed),
    }));
const anyCustomer = fc
  .integer({ min: 0, max: 6 })
  .chain((count) => fc.tuple(...Array.from({ length: count }, (_, index) => anyLicense(`L${index}`))));
const anyNow = fc
  .tuple(fc.integer({ min: 10_957, max: 27_000 }), fc.integer({ min: 0, max: 23 }))
  .map(([day, hour]) => jstInstantAt(dateFromDayNumber(day), hour));

describe('properties', () => {
  it('every suspended license has a cause of its line that ended earlier, and it is suspended from the next day', () => {
    fc.assert(
      fc.property(anyCustomer, anyNow, (licenses, now) => {
        const today = jstDateOf(now);
        const byId = new Map(licenses.map((l) => [l.id, l]));
        for (const support of customerSupportStates(licenses, now)) {
          if (support.state !== 'suspended') continue;
          const self = byId.get(support.id)!;
          const cause = byId.get(support.cause.licenseId)!;
          expect(cause.id).not.toBe(self.id);
          expect(cause.line).toBe(self.line);
          expect(cause.kind).toBe('perpetual');
          expect(support.cause.endedOn).toBe(cause.term.end);
          expect(cause.term.end < today).toBe(true);
          expect(cause.term.end < self.term.end).toBe(true);
          expect(support.cause.suspendedFrom).toBe(addDays(cause.term.end, 1));
          expect(support.cause.suspendedFrom <= today).toBe(true);
        }
      }),
    );
  });

  it('a license stopped by a partial renewal names a license of its line renewed after its own end', () => {
    fc.assert(
      fc.property(anyCustomer, anyNow, (licenses, now) => {
        const byId = new Map(licenses.map((l) => [l.id, l]));
        for (const support of customerSupportStates(licenses, now)) {
          if (support.state !== 'ended-stopped' || support.cause.reason !== 'renewed-without-it') continue;
          const self = byId.get(support.id)!;
          const renewed = byId.get(support.cause.licenseId)!;
          expect(renewed.line).toBe(self.line);
          expect(renewed.lastRenewedOn).toBe(support.cause.renewedOn);
          expect(support.cause.renewedOn > self.term.end).toBe(true);
        }
      }),
    );
  });

  it('states are stable under reordering the input', () => {
    fc.assert(
      fc.property(
        anyCustomer.chain((licenses) =>
          fc.tuple(fc.constant(licenses), fc.shuffledSubarray(licenses, { minLength: licenses.length })),
        ),
        anyNow,
        ([licenses, shuffled], now) => {
          expect(stateById(customerSupportStates(shuffled, now))).toEqual(stateById(customerSupportStates(licenses, now)));
        },
      ),
    );
  });

  it('all ended with none renewed → every perpetual license ended-continues', () => {
    fc.assert(
      fc.property(anyCustomer, anyNow, (generated, now) => {
        const today = jstDateOf(now);
        const licenses = generated.filter((l) => l.term.end < today).map((l) => ({ ...l, lastRenewedOn: null }));
        for (const [index, support] of customerSupportStates(licenses, now).entries()) {
          const self = licenses[index]!;
          if (self.state === 'cancelled' || self.state === 'revoked') expect(support.state).toBe('withdrawn');
          else if (self.kind === 'perpetual')
            expect(support).toEqual({ id: self.id, state: 'ended-continues', endedOn: self.term.end });
          else expect(support.state).toBe('ended-stopped');
        }
      }),
    );
  });

  it('while no license of a line has ended, every license of it is active', () => {
    fc.assert(
      fc.property(anyCustomer, anyNow, (generated, now) => {
        const today = jstDateOf(now);
        const licenses = generated.filter((l) => l.term.end >= today);
        for (const support of customerSupportStates(licenses, now)) {
          const self = licenses.find((l) => l.id === support.id)!;
          expect(support.state).toBe(self.state === 'cancelled' || self.state === 'revoked' ? 'withdrawn' : 'active');
        }
      }),
    );
  });

  it('does not depend on the machine time zone (same answer for the same instant written in any offset)', () => {
    fc.assert(
      fc.property(anyCustomer, anyNow, (licenses, now) => {
        const utc = new Date(now).toISOString();
        expect(customerSupportStates(licenses, utc)).toEqual(customerSupportStates(licenses, now));
      }),
    );
  });
});
