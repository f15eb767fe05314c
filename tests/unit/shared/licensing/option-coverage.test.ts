import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEED_004_COVERAGE_RULE, optionCoverage, type OptionCoverageInput } from '../../../../src-shared/licensing';
import { expectLicensingError } from './expect-licensing-error';

const BILLING = '請求管理機能';
const BACKUP = 'インターネットバックアップ機能';

const later = (overrides: Partial<OptionCoverageInput>): OptionCoverageInput => ({
  installedOn: '2022-04-01',
  renewalOn: '2024-04-01',
  yearlyApplications: 0,
  newAdditionalApplications: 0,
  licenses: 1,
  options: [BILLING, BACKUP],
  ...overrides,
});

const totalFee = (coverage: ReturnType<typeof optionCoverage>) =>
  coverage.charged.reduce((sum, charge) => sum + charge.feeYen, 0);

describe('optionCoverage — seed 004', () => {
  it('everything is free while the renewed term starts within a year of installation', () => {
    const firstYear = { installedOn: '2023-04-01', yearlyApplications: 0 };
    expect(optionCoverage(later({ ...firstYear, renewalOn: '2023-10-01' }))).toEqual({
      free: [BILLING, BACKUP],
      charged: [],
      basicCovered: true,
    });
    expect(optionCoverage(later({ ...firstYear, renewalOn: '2024-03-31' })).charged).toEqual([]);
    // The anniversary starts the second year: the application rules apply.
    expect(optionCoverage(later({ ...firstYear, renewalOn: '2024-04-01' }))).toEqual({
      free: [],
      charged: [
        { option: BILLING, missingApplications: 2, feeYen: 11_000 },
        { option: BACKUP, missingApplications: 2, feeYen: 11_000 },
      ],
      basicCovered: false,
    });
    // Installed on 29 February: the first year ends on 28 February.
    expect(optionCoverage(later({ installedOn: '2024-02-29', renewalOn: '2025-02-28' })).charged).toEqual([]);
    expect(optionCoverage(later({ installedOn: '2024-02-29', renewalOn: '2025-03-01' })).charged).toHaveLength(2);
  });

  it('50 or more yearly applications: both options free', () => {
    expect(optionCoverage(later({ yearlyApplications: 50 }))).toEqual({
      free: [BILLING, BACKUP],
      charged: [],
      basicCovered: true,
    });
  });

  it('40 or more: the first wanted option free, the other needs 2 new additional applications', () => {
    expect(optionCoverage(later({ yearlyApplications: 49 }))).toEqual({
      free: [BILLING],
      charged: [{ option: BACKUP, missingApplications: 2, feeYen: 11_000 }],
      basicCovered: true,
    });
    expect(optionCoverage(later({ yearlyApplications: 40, options: [BACKUP, BILLING] })).free).toEqual([BACKUP]);
    expect(optionCoverage(later({ yearlyApplications: 40, newAdditionalApplications: 2 }))).toEqual({
      free: [BILLING, BACKUP],
      charged: [],
      basicCovered: true,
    });
    expect(optionCoverage(later({ yearlyApplications: 40, options: [BACKUP] }))).toEqual({
      free: [BACKUP],
      charged: [],
      basicCovered: true,
    });
  });

  it('below 40: basic needs 3 per license, each option 2 new additional applications in order of preference', () => {
    expect(optionCoverage(later({ yearlyApplications: 39, newAdditionalApplications: 4 }))).toEqual({
      free: [BILLING, BACKUP],
      charged: [],
      basicCovered: true,
    });
    expect(optionCoverage(later({ yearlyApplications: 6, newAdditionalApplications: 3 }))).toEqual({
      free: [BILLING],
      charged: [{ option: BACKUP, missingApplications: 1, feeYen: 5_500 }],
      basicCovered: true,
    });
    expect(optionCoverage(later({ yearlyApplications: 6, newAdditionalApplications: 3, options: [BACKUP, BILLING] }))).toEqual({
      free: [BACKUP],
      charged: [{ option: BILLING, missingApplications: 1, feeYen: 5_500 }],
      basicCovered: true,
    });
  });

  it('surplus ordinary applications never cover an option', () => {
    expect(optionCoverage(later({ yearlyApplications: 30, newAdditionalApplications: 0 }))).toEqual({
      free: [],
      charged: [
        { option: BILLING, missingApplications: 2, feeYen: 11_000 },
        { option: BACKUP, missingApplications: 2, feeYen: 11_000 },
      ],
      basicCovered: true,
    });
    // 5 applications, 3 new: only 2 are above the basic need of 3, so the first option takes both.
    expect(optionCoverage(later({ yearlyApplications: 5, newAdditionalApplications: 3 })).charged).toEqual([
      { option: BACKUP, missingApplications: 2, feeYen: 11_000 },
    ]);
  });

  it('never counts an application twice: new additional ones above the basic need cover options', () => {
    // 4 applications, 3 of them new: the basic need takes 3, one new application is left for the first option.
    expect(optionCoverage(later({ yearlyApplications: 4, newAdditionalApplications: 3 }))).toEqual({
      free: [],
      charged: [
        { option: BILLING, missingApplications: 1, feeYen: 5_500 },
        { option: BACKUP, missingApplications: 2, feeYen: 11_000 },
      ],
      basicCovered: true,
    });
    // Basic need unmet (2 < 3): nothing is left over for options.
    expect(optionCoverage(later({ yearlyApplications: 2, newAdditionalApplications: 2, options: [BILLING] }))).toEqual({
      free: [],
      charged: [{ option: BILLING, missingApplications: 2, feeYen: 11_000 }],
      basicCovered: false,
    });
  });

  it('scales the basic need with the number of licenses', () => {
    expect(optionCoverage(later({ yearlyApplications: 6, licenses: 2, options: [] }))).toEqual({
      free: [],
      charged: [],
      basicCovered: true,
    });
    expect(optionCoverage(later({ yearlyApplications: 5, licenses: 2, options: [] })).basicCovered).toBe(false);
    expect(optionCoverage(later({ yearlyApplications: 8, newAdditionalApplications: 2, licenses: 2 }))).toMatchObject({
      free: [BILLING],
      basicCovered: true,
    });
    // 45 applications cover one option but not the basic renewal of 16 licenses (48 needed).
    expect(optionCoverage(later({ yearlyApplications: 45, licenses: 16 }))).toMatchObject({
      free: [BILLING],
      basicCovered: false,
    });
  });

  it('takes the thresholds and fee from the rule it is given', () => {
    const rule = { ...SEED_004_COVERAGE_RULE, feePerMissingApplicationYen: 6_600, applicationsPerOption: 3 };
    expect(optionCoverage(later({ yearlyApplications: 10, newAdditionalApplications: 2, options: [BILLING] }), rule)).toEqual({
      free: [],
      charged: [{ option: BILLING, missingApplications: 1, feeYen: 6_600 }],
      basicCovered: true,
    });
  });

  it('rejects inconsistent input with stable codes', () => {
    expectLicensingError(
      () => optionCoverage(later({ yearlyApplications: 1, newAdditionalApplications: 2 })),
      'invalid-coverage-input',
    );
    expectLicensingError(() => optionCoverage(later({ yearlyApplications: -1 })), 'invalid-coverage-input');
    expectLicensingError(() => optionCoverage(later({ yearlyApplications: 2.5 })), 'invalid-coverage-input');
    expectLicensingError(() => optionCoverage(later({ licenses: 0 })), 'invalid-coverage-input');
    expectLicensingError(() => optionCoverage(later({ renewalOn: '2022-03-31' })), 'invalid-coverage-input');
    expectLicensingError(() => optionCoverage(later({ options: [BILLING, BILLING] })), 'duplicate-option');
    expectLicensingError(() => optionCoverage(later({ installedOn: '2022-02-30' })), 'invalid-date');
  });

  const anyCounts = fc
    .record({
      yearly: fc.integer({ min: 0, max: 80 }),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
      licenses: fc.integer({ min: 1, max: 20 }),
    })
    .map(({ yearly, share, licenses }) => ({ yearly, newAdditional: Math.floor(yearly * share), licenses }));
  const anyOptions = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 4 });

  it('splits the wanted options into free and charged, in order, with the fee per missing application', () => {
    fc.assert(
      fc.property(anyCounts, anyOptions, ({ yearly, newAdditional, licenses }, options) => {
        const coverage = optionCoverage(
          later({ yearlyApplications: yearly, newAdditionalApplications: newAdditional, licenses, options }),
        );
        const charged = coverage.charged.map((charge) => charge.option);
        expect([...coverage.free, ...charged].sort()).toEqual([...options].sort());
        expect(coverage.free.filter((option) => charged.includes(option))).toEqual([]);
        expect(coverage.free).toEqual(options.filter((option) => coverage.free.includes(option)));
        for (const charge of coverage.charged) {
          expect(charge.missingApplications).toBeGreaterThanOrEqual(1);
          expect(charge.missingApplications).toBeLessThanOrEqual(2);
          expect(charge.feeYen).toBe(charge.missingApplications * 5_500);
        }
        expect(coverage.basicCovered).toBe(yearly >= 3 * licenses);
        if (yearly >= 50) expect(coverage.charged).toEqual([]);
        if (yearly >= 40 && options.length > 0) expect(coverage.free[0]).toBe(options[0]);
      }),
    );
  });

  it('more applications never cost more', () => {
    fc.assert(
      fc.property(
        anyCounts,
        anyOptions,
        fc.integer({ min: 0, max: 10 }),
        fc.boolean(),
        ({ yearly, newAdditional, licenses }, options, extra, asNew) => {
          const before = optionCoverage(
            later({ yearlyApplications: yearly, newAdditionalApplications: newAdditional, licenses, options }),
          );
          const after = optionCoverage(
            later({
              yearlyApplications: yearly + extra,
              newAdditionalApplications: newAdditional + (asNew ? extra : 0),
              licenses,
              options,
            }),
          );
          expect(totalFee(after)).toBeLessThanOrEqual(totalFee(before));
          if (before.basicCovered) expect(after.basicCovered).toBe(true);
        },
      ),
    );
  });
});
