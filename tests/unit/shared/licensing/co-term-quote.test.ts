import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { termRulesFor } from '../../../../src-shared/catalog';
import {
  addDays,
  continuousRenewalTerm,
  customerSupportStates,
  isMonthEnd,
  jstInstantAt,
  lastDayOfMonth,
  quoteCoTermRenewal,
  resumptionTerm,
  type CoTermLicenseInput,
  type CoTermTarget,
} from '../../../../src-shared/licensing';
import { dateFromDayNumber } from '../../../../src-shared/licensing/calendar-date';
import { loadSeedCatalog } from '../catalog/seed-catalog';
import { expectLicensingError } from './expect-licensing-error';

const catalog = loadSeedCatalog();
const MODEL = termRulesFor(catalog, 'model-studio', 'download');
const KAIKEI = termRulesFor(catalog, 'sakura-kaikei', 'package');

function model(id: string, start: string, end: string, options: string[] = []): CoTermLicenseInput {
  return { id, productCode: 'model-studio', edition: 'download', term: { start, end }, options };
}
function kaikei(id: string, start: string, end: string, options: string[] = []): CoTermLicenseInput {
  return { id, productCode: 'sakura-kaikei', edition: 'package', term: { start, end }, options };
}
const at = (date: string) => jstInstantAt(date, 10);

// 「追加購入している場合で異なるサポート期間のライセンスがある場合」: bought at different times, ends differ.
const first = model('A', '2020-05-01', '2021-04-30');
const second = model('B', '2020-10-01', '2021-09-30');

describe('「追加購入している場合で異なるサポート期間のライセンスがある場合」: renewing to one end date', () => {
  it('by default to the latest current end: A is renewed by whole months to B’s end, B is not charged', () => {
    const quote = quoteCoTermRenewal({ catalog, licenses: [first, second], now: at('2021-04-15') });
    expect(quote).toMatchObject({ commonEnd: '2021-09-30', quotedOn: '2021-04-15', target: { kind: 'latest-end' } });
    expect(quote.licenses).toEqual([
      {
        licenseId: 'A',
        productCode: 'model-studio',
        edition: 'download',
        renewal: 'continuous',
        term: { start: '2021-05-01', end: '2021-09-30' },
        months: 5,
        paidThrough: '2021-09-30',
        monthBasis: 12,
        lines: [
          { code: 'basic', label: 'サポート（保守）（5ヶ月）', amountYen: 25000, kind: 'basic', status: 'charged', months: 5 },
        ],
        subtotalYen: 25000,
      },
      {
        licenseId: 'B',
        productCode: 'model-studio',
        edition: 'download',
        renewal: 'none',
        term: null,
        months: 0,
        paidThrough: null,
        monthBasis: 12,
        lines: [],
        subtotalYen: 0,
      },
    ]);
    expect(quote).toMatchObject({ subtotalYen: 25000, taxYen: 2500, totalYen: 27500, taxRatePercent: 10 });
  });

  it('to a length the customer picks: B for 12 months, A aligned to the same end (17 months, 月割り)', () => {
    const quote = quoteCoTermRenewal({
      catalog,
      licenses: [first, model('B', '2020-10-01', '2021-09-30', ['simulation-addin'])],
      now: at('2021-08-02'),
      target: { kind: 'months', months: 12 },
    });
    expect(quote.commonEnd).toBe('2022-09-30');
    const [a, b] = quote.licenses;
    expect(a).toMatchObject({ renewal: 'resumption', term: { start: '2021-08-02', end: '2022-09-30' }, months: 14 });
    expect(a?.lines.map((line) => line.amountYen)).toEqual([70000]);
    expect(b).toMatchObject({ renewal: 'continuous', term: { start: '2021-10-01', end: '2022-09-30' }, months: 12 });
    // A length the catalog sells costs exactly the catalog price.
    expect(b?.lines.map((line) => [line.code, line.label, line.amountYen])).toEqual([
      ['basic', 'サポート（保守）（12ヶ月）', 60000],
      ['option:simulation-addin', 'シミュレーションアドイン（動作期間限定）', 20000],
    ]);
    expect(quote).toMatchObject({ subtotalYen: 150000, taxYen: 15000, totalYen: 165000 });
  });

  it('a lapsed license resumes from the payment month (「ご入金のあった日…を含む月単位」), so June counts whole', () => {
    for (const paid of ['2021-06-01', '2021-06-30']) {
      const [a] = quoteCoTermRenewal({ catalog, licenses: [first, second], now: at(paid) }).licenses;
      expect(a).toMatchObject({ renewal: 'resumption', term: { start: paid, end: '2021-09-30' }, months: 4 });
      expect(a?.subtotalYen).toBe(20000);
    }
  });

  it('the result re-aligns the customer: every license active again (the suspension ends)', () => {
    const now = at('2021-06-10');
    const before = [first, second].map((l) => ({
      id: l.id,
      productCode: l.productCode,
      line: 'model-studio',
      kind: 'perpetual' as const,
      term: l.term,
      state: 'active' as const,
      lastRenewedOn: null,
    }));
    expect(customerSupportStates(before, now).map((s) => s.state)).toEqual(['ended-continues', 'suspended']);
    const quote = quoteCoTermRenewal({ catalog, licenses: [first, second], now });
    const after = before.map((l, index) => {
      const renewed = quote.licenses[index]!;
      if (renewed.term === null) return l;
      const start = renewed.renewal === 'resumption' ? renewed.term.start : l.term.start;
      return { ...l, term: { start, end: renewed.term.end }, lastRenewedOn: quote.quotedOn };
    });
    expect(customerSupportStates(after, now).map((s) => s.state)).toEqual(['active', 'active']);
  });

  it('day basis (seed 000 products): a part month is charged whole and its extra days are not granted', () => {
    const quote = quoteCoTermRenewal({
      catalog,
      licenses: [kaikei('A', '2023-03-15', '2024-03-14', ['e-filing']), kaikei('B', '2023-10-01', '2024-09-30')],
      now: at('2024-02-01'),
    });
    const [a] = quote.licenses;
    expect(a).toMatchObject({ term: { start: '2024-03-15', end: '2024-09-30' }, months: 7, paidThrough: '2024-10-14' });
    // 7 months is not sold: the monthly share of the 12-month prices, rounded down.
    expect(a?.lines.map((line) => [line.label, line.amountYen])).toEqual([
      ['基本使用サービス（7ヶ月）', 19250],
      ['電子申告オプション', 4375],
    ]);
    expect(quote).toMatchObject({ subtotalYen: 23625, taxYen: 2362, totalYen: 25987 });
  });

  it('day basis: 6 months is sold for this product, so it costs the 6-month price', () => {
    const quote = quoteCoTermRenewal({
      catalog,
      licenses: [kaikei('A', '2023-04-01', '2024-03-31'), kaikei('B', '2023-10-01', '2024-09-30')],
      now: at('2024-02-01'),
    });
    expect(quote.licenses[0]).toMatchObject({ months: 6, paidThrough: '2024-09-30', subtotalYen: 18000 });
  });

  it('tax once on the whole quote, rounded down — not per license', () => {
    const odd = structuredClone(catalog);
    const edition = odd.products.find((p) => p.code === 'model-studio')!.editions.download!;
    edition.prices.basic.splice(0, 1, { months: 12, yen: 12_345 });
    const licenses = [first, model('C', '2020-06-01', '2021-05-31'), model('D', '2020-07-01', '2021-06-30'), second];
    const quote = quoteCoTermRenewal({ catalog: odd, licenses, now: at('2021-04-15') });
    // ⌊12345 × 5 / 12⌋ = 5143, ⌊12345 × 4 / 12⌋ = 4115, ⌊12345 × 3 / 12⌋ = 3086.
    expect(quote.licenses.map((l) => l.subtotalYen)).toEqual([5143, 4115, 3086, 0]);
    // ⌊12344 × 10 %⌋ = 1234; tax per license would be 514 + 411 + 308 = 1233.
    expect(quote).toMatchObject({ subtotalYen: 12344, taxYen: 1234, totalYen: 13578 });
  });
});

describe('refusals', () => {
  it('「年間ライセンスのサポート(保守)の更新・再開はありません」: an annual license cannot be co-termed', () => {
    const annual: CoTermLicenseInput = { ...model('L', '2020-05-01', '2021-04-30'), productCode: 'model-studio-annual' };
    expectLicensingError(
      () => quoteCoTermRenewal({ catalog, licenses: [annual, second], now: at('2021-04-15') }),
      'renewal-not-offered',
    );
  });

  it('「終了から3年以内であれば再開できます」: past the resumption deadline only a new purchase is offered', () => {
    const error = expectLicensingError(
      () => quoteCoTermRenewal({ catalog, licenses: [model('A', '2017-05-01', '2018-04-30'), second], now: at('2021-05-10') }),
      'resumption-period-over',
    );
    expect(error.details.deadline).toBe('2021-04-30T15:00:00+09:00');
  });

  it('every license ended: the latest end is in the past, so a length must be chosen', () => {
    const now = at('2021-10-05');
    expectLicensingError(() => quoteCoTermRenewal({ catalog, licenses: [first, second], now }), 'renewal-not-offered');
    const quote = quoteCoTermRenewal({ catalog, licenses: [first, second], now, target: { kind: 'months', months: 12 } });
    expect(quote.commonEnd).toBe('2022-09-30');
    expect(quote.licenses.map((l) => [l.renewal, l.months])).toEqual([
      ['resumption', 12],
      ['resumption', 12],
    ]);
  });

  it('a length the catalog does not sell, mixed term bases, bad input', () => {
    const now = at('2021-04-15');
    const target: CoTermTarget = { kind: 'months', months: 6 };
    expectLicensingError(() => quoteCoTermRenewal({ catalog, licenses: [first, second], now, target }), 'months-not-allowed');
    expectLicensingError(
      () => quoteCoTermRenewal({ catalog, licenses: [first, second], now, target: { kind: 'months', months: 0 } }),
      'invalid-months',
    );
    expectLicensingError(
      () => quoteCoTermRenewal({ catalog, licenses: [first, kaikei('K', '2020-10-01', '2021-09-30')], now }),
      'invalid-term-rules',
    );
    expectLicensingError(
      () => quoteCoTermRenewal({ catalog, licenses: [{ ...first, productCode: 'nope' }], now }),
      'unknown-product',
    );
    expectLicensingError(
      () => quoteCoTermRenewal({ catalog, licenses: [{ ...first, options: ['nope'] }], now }),
      'unknown-option',
    );
    expectLicensingError(
      () => quoteCoTermRenewal({ catalog, licenses: [model('A', '2021-05-01', '2021-04-30')], now }),
      'invalid-date',
    );
    expectLicensingError(() => quoteCoTermRenewal({ catalog, licenses: [first], now, taxRatePercent: 1.5 }), 'invalid-tax-rate');
    expectLicensingError(
      () => quoteCoTermRenewal({ catalog, licenses: [first, model('Z', '2020-10-01', '9999-99-99')], now }),
      'invalid-date',
    );
    expectLicensingError(() => quoteCoTermRenewal({ catalog, licenses: [first], now: '2021-04-15' }), 'invalid-instant');
    expect(() => quoteCoTermRenewal({ catalog, licenses: [], now })).toThrow('at least one license');
    expect(() => quoteCoTermRenewal({ catalog, licenses: [first, first], now })).toThrow('listed twice');
  });
});

// Property inputs: 2–5 licenses of one product, ends within ±2 years of `now` (inside the resumption limit).
const anyNowDay = fc.integer({ min: 11_000, max: 24_000 });
const monthEndLicenses = fc.array(fc.integer({ min: -24, max: 24 }), { minLength: 1, maxLength: 5 });
const dayLicenses = fc.array(fc.integer({ min: -700, max: 700 }), { minLength: 1, maxLength: 5 });
const anyTarget: fc.Arbitrary<CoTermTarget> = fc.oneof(
  fc.constant({ kind: 'latest-end' as const }),
  fc.constant({ kind: 'months' as const, months: 12 }),
);

type Case = { licenses: CoTermLicenseInput[]; now: string; target: CoTermTarget; rules: typeof MODEL };
const anyCase: fc.Arbitrary<Case> = fc.oneof(
  fc.tuple(anyNowDay, monthEndLicenses, anyTarget).map(([day, offsets, target]) => {
    const today = dateFromDayNumber(day);
    const licenses = offsets.map((offset, index) => {
      const shifted = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 + offset;
      const end = lastDayOfMonth(Math.floor(shifted / 12), (shifted % 12) + 1);
      return model(`M${index}`, addDays(end, -364), end);
    });
    return { licenses, now: jstInstantAt(today, 9), target, rules: MODEL };
  }),
  fc.tuple(anyNowDay, dayLicenses, anyTarget).map(([day, offsets, target]) => {
    const licenses = offsets.map((offset, index) => {
      const end = dateFromDayNumber(day + offset);
      return kaikei(`D${index}`, addDays(end, -364), end);
    });
    return { licenses, now: jstInstantAt(dateFromDayNumber(day), 9), target, rules: KAIKEI };
  }),
);

function quoteOrNull(input: Case) {
  try {
    return quoteCoTermRenewal({ catalog, licenses: input.licenses, now: input.now, target: input.target });
  } catch {
    return null; // latest-end with every license ended: covered by its own test above
  }
}

describe('properties', () => {
  it('no license gains a day it did not pay for, nor pays for a whole month it does not get', () => {
    fc.assert(
      fc.property(anyCase, (input) => {
        const quote = quoteOrNull(input);
        if (quote === null) return;
        for (const [index, line] of quote.licenses.entries()) {
          const license = input.licenses[index]!;
          if (line.term === null) {
            expect(license.term.end).toBe(quote.commonEnd);
            continue;
          }
          const bought = (months: number) =>
            line.renewal === 'continuous'
              ? continuousRenewalTerm(input.rules, license.term.end, months)
              : resumptionTerm(input.rules, quote.quotedOn, months);
          expect(line.term.end).toBe(quote.commonEnd);
          expect(line.paidThrough).toBe(bought(line.months).end);
          // Every granted day is inside what the charged months buy.
          expect(line.term.start).toBe(bought(line.months).start);
          expect(line.term.end <= bought(line.months).end).toBe(true);
          // One month fewer would not reach the common end.
          if (line.months > 1) expect(bought(line.months - 1).end < quote.commonEnd).toBe(true);
          if (input.rules.basis === 'month-end') expect(line.paidThrough).toBe(quote.commonEnd);
          // Continuous renewals leave no gap; resumptions start on the payment date.
          expect(line.term.start).toBe(line.renewal === 'continuous' ? addDays(license.term.end, 1) : quote.quotedOn);
        }
      }),
    );
  });

  it('one common end date, never earlier than any current end; on month-end basis it is a month end', () => {
    fc.assert(
      fc.property(anyCase, (input) => {
        const quote = quoteOrNull(input);
        if (quote === null) return;
        for (const license of input.licenses) expect(license.term.end <= quote.commonEnd).toBe(true);
        expect(quote.commonEnd >= quote.quotedOn).toBe(true);
        if (input.rules.basis === 'month-end') expect(isMonthEnd(quote.commonEnd)).toBe(true);
      }),
    );
  });

  it('tax once on the total, rounded down; the total adds up; never more than the monthly share of the year', () => {
    fc.assert(
      fc.property(anyCase, (input) => {
        const quote = quoteOrNull(input);
        if (quote === null) return;
        expect(quote.subtotalYen).toBe(quote.licenses.reduce((sum, l) => sum + l.subtotalYen, 0));
        expect(quote.taxYen).toBe(Math.floor((quote.subtotalYen * 10) / 100));
        expect(quote.totalYen).toBe(quote.subtotalYen + quote.taxYen);
        for (const line of quote.licenses) {
          const yearly = line.productCode === 'model-studio' ? 60000 : 33000;
          if (line.months % 12 === 0) expect(line.subtotalYen).toBe((yearly * line.months) / 12);
          else if (line.months !== 6) expect(line.subtotalYen).toBe(Math.floor((yearly * line.months) / 12));
        }
      }),
    );
  });

  it('does not depend on the order of the licenses', () => {
    fc.assert(
      fc.property(
        anyCase.chain((input) =>
          fc.tuple(fc.constant(input), fc.shuffledSubarray(input.licenses, { minLength: input.licenses.length })),
        ),
        ([input, shuffled]) => {
          const quote = quoteOrNull(input);
          const reordered = quoteOrNull({ ...input, licenses: shuffled });
          if (quote === null || reordered === null) {
            expect(reordered).toBe(quote);
            return;
          }
          expect(reordered.commonEnd).toBe(quote.commonEnd);
          expect(reordered.totalYen).toBe(quote.totalYen);
          const byId = (q: typeof quote) => Object.fromEntries(q.licenses.map((l) => [l.licenseId, l]));
          expect(byId(reordered)).toEqual(byId(quote));
        },
      ),
    );
  });
});
