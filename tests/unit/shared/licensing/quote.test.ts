import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findProduct, optionCoverageRuleFor, renewalChoices } from '../../../../src-shared/catalog';
import { optionCoverage, quoteRenewal } from '../../../../src-shared/licensing';
import { loadSeedCatalog } from '../catalog/seed-catalog';
import { expectLicensingError } from './expect-licensing-error';

const catalog = loadSeedCatalog();
const kaikei = findProduct(catalog, 'sakura-kaikei');
const shinsei = findProduct(catalog, 'shinsei-shien');
const seed004 = optionCoverageRuleFor(catalog, 'shinsei-shien', 'package') ?? undefined;

describe('quoteRenewal', () => {
  it('package edition: tax-exclusive lines, 10 % tax once on the subtotal', () => {
    expect(quoteRenewal({ product: kaikei, edition: 'package', months: 12, options: ['bank-import', 'e-filing'] })).toEqual({
      lines: [
        { code: 'basic', label: '基本使用サービス（12ヶ月）', amountYen: 33000, kind: 'basic', status: 'charged', months: 12 },
        {
          code: 'option:bank-import',
          label: '銀行明細取込オプション',
          amountYen: 5500,
          kind: 'option',
          status: 'charged',
          months: 12,
        },
        { code: 'option:e-filing', label: '電子申告オプション', amountYen: 7500, kind: 'option', status: 'charged', months: 12 },
      ],
      subtotalYen: 46000,
      taxYen: 4600,
      totalYen: 50600,
      taxRatePercent: 10,
      productCode: 'sakura-kaikei',
      edition: 'package',
      months: 12,
    });
  });

  it('removable options can be unchecked; 6 months is allowed for this product', () => {
    const quote = quoteRenewal({ product: kaikei, edition: 'package', months: 6, options: ['e-filing'] });
    expect(quote.lines.map((line) => [line.code, line.amountYen])).toEqual([
      ['basic', 18000],
      ['option:e-filing', 4000],
    ]);
    expect(quote).toMatchObject({ subtotalYen: 22000, taxYen: 2200, totalYen: 24200 });
  });

  it('rounds the tax down, once per quote', () => {
    expect(quoteRenewal({ product: kaikei, edition: 'package', months: 12, options: [], taxRatePercent: 8 })).toMatchObject({
      subtotalYen: 33000,
      taxYen: 2640,
      totalYen: 35640,
    });
    const oddPrices = structuredClone(kaikei);
    oddPrices.editions.package?.prices.basic.splice(0, 2, { months: 6, yen: 10_000 }, { months: 12, yen: 12_345 });
    oddPrices.editions.package?.prices.options['bank-import']?.splice(
      0,
      2,
      { months: 6, yen: 3_000 },
      { months: 12, yen: 5_005 },
    );
    expect(quoteRenewal({ product: oddPrices, edition: 'package', months: 12, options: [] })).toMatchObject({
      subtotalYen: 12_345,
      taxYen: 1_234, // 1,234.5 rounded down
      totalYen: 13_579,
    });
    // Once on the subtotal: 1,735.0, where rounding each line (1,234 + 500) would give 1,734.
    expect(quoteRenewal({ product: oddPrices, edition: 'package', months: 12, options: ['bank-import'] })).toMatchObject({
      subtotalYen: 17_350,
      taxYen: 1_735,
      totalYen: 19_085,
    });
  });

  it('download edition: options included, shown as zero-amount lines, and not removable', () => {
    const quote = quoteRenewal({ product: kaikei, edition: 'download', months: 12, options: ['bank-import', 'e-filing'] });
    expect(quote.lines).toEqual([
      { code: 'basic', label: '基本使用サービス（12ヶ月）', amountYen: 44000, kind: 'basic', status: 'charged', months: 12 },
      {
        code: 'option:bank-import',
        label: '銀行明細取込オプション',
        amountYen: 0,
        kind: 'option',
        status: 'included',
        months: 12,
      },
      { code: 'option:e-filing', label: '電子申告オプション', amountYen: 0, kind: 'option', status: 'included', months: 12 },
    ]);
    expect(quote.totalYen).toBe(48400);
    const error = expectLicensingError(
      () => quoteRenewal({ product: kaikei, edition: 'download', months: 12, options: ['bank-import'] }),
      'option-not-removable',
    );
    expect(error.details).toEqual({ option: 'e-filing' });
  });

  it('refuses lengths the policy does not allow', () => {
    const error = expectLicensingError(
      () => quoteRenewal({ product: kaikei, edition: 'download', months: 6, options: ['bank-import', 'e-filing'] }),
      'months-not-allowed',
    );
    expect(error.details).toEqual({ months: 6, allowed: '12' });
    expectLicensingError(
      () => quoteRenewal({ product: findProduct(catalog, 'sakura-suitocho'), edition: 'package', months: 6, options: [] }),
      'months-not-allowed',
    );
    expectLicensingError(() => quoteRenewal({ product: kaikei, edition: 'package', months: 0, options: [] }), 'invalid-months');
  });

  it('refuses unknown, duplicate and foreign options, unknown editions, annual licenses and odd tax rates', () => {
    expectLicensingError(
      () => quoteRenewal({ product: kaikei, edition: 'package', months: 12, options: ['payroll'] }),
      'unknown-option',
    );
    expectLicensingError(
      () =>
        quoteRenewal({
          product: findProduct(catalog, 'sakura-suitocho'),
          edition: 'package',
          months: 12,
          options: ['bank-import'],
        }),
      'unknown-option',
    );
    expectLicensingError(
      () => quoteRenewal({ product: kaikei, edition: 'package', months: 12, options: ['e-filing', 'e-filing'] }),
      'duplicate-option',
    );
    expectLicensingError(
      () => quoteRenewal({ product: findProduct(catalog, 'menzei-terminal'), edition: 'package', months: 12, options: [] }),
      'unknown-edition',
    );
    expectLicensingError(
      () => quoteRenewal({ product: findProduct(catalog, 'model-studio-annual'), edition: 'download', months: 12, options: [] }),
      'renewal-not-offered',
    );
    expectLicensingError(
      () => quoteRenewal({ product: kaikei, edition: 'package', months: 12, options: [], taxRatePercent: 10.5 }),
      'invalid-tax-rate',
    );
  });

  describe('seed-004 coverage', () => {
    const coverageFor = (yearlyApplications: number, newAdditionalApplications: number, options: string[]) =>
      optionCoverage(
        {
          installedOn: '2022-04-01',
          renewalOn: '2024-04-01',
          yearlyApplications,
          newAdditionalApplications,
          licenses: 1,
          options,
        },
        seed004,
      );

    it('needs the coverage, computed for the same options', () => {
      expectLicensingError(
        () => quoteRenewal({ product: shinsei, edition: 'package', months: 12, options: ['billing'] }),
        'coverage-required',
      );
      expectLicensingError(
        () =>
          quoteRenewal({
            product: shinsei,
            edition: 'package',
            months: 12,
            options: ['billing'],
            coverage: coverageFor(50, 0, ['internet-backup']),
          }),
        'coverage-mismatch',
      );
    });

    it('free options and a covered basic renewal appear as zero-amount lines', () => {
      const options = ['billing', 'internet-backup'];
      const quote = quoteRenewal({
        product: shinsei,
        edition: 'package',
        months: 12,
        options,
        coverage: coverageFor(50, 0, options),
      });
      expect(quote.lines.map((line) => [line.code, line.amountYen, line.status])).toEqual([
        ['basic', 0, 'free'],
        ['option:billing', 0, 'free'],
        ['option:internet-backup', 0, 'free'],
      ]);
      expect(quote.totalYen).toBe(0);
    });

    it('a missing application costs ¥5,500 tax included: ¥5,000 + ¥500 tax on the quote', () => {
      const options = ['internet-backup', 'billing'];
      const quote = quoteRenewal({
        product: shinsei,
        edition: 'package',
        months: 12,
        options,
        coverage: coverageFor(44, 1, options),
      });
      expect(quote.lines).toEqual([
        { code: 'basic', label: '基本機能 年間更新（12ヶ月）', amountYen: 0, kind: 'basic', status: 'free', months: 12 },
        {
          code: 'option:billing',
          label: '請求管理機能',
          amountYen: 5000,
          kind: 'option',
          status: 'charged',
          months: 12,
          missingApplications: 1,
          feeYenTaxIncluded: 5500,
        },
        {
          code: 'option:internet-backup',
          label: 'インターネットバックアップ機能',
          amountYen: 0,
          kind: 'option',
          status: 'free',
          months: 12,
        },
      ]);
      expect(quote).toMatchObject({ subtotalYen: 5000, taxYen: 500, totalYen: 5500 });
    });

    it('an uncovered basic renewal is charged at the catalog price', () => {
      const quote = quoteRenewal({
        product: shinsei,
        edition: 'package',
        months: 12,
        options: [],
        coverage: coverageFor(2, 0, []),
      });
      expect(quote.lines).toEqual([
        { code: 'basic', label: '基本機能 年間更新（12ヶ月）', amountYen: 36000, kind: 'basic', status: 'charged', months: 12 },
      ]);
      expect(quote.totalYen).toBe(39600);
    });

    it('the customer pays exactly the tax-included fees at 10 %', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 3, max: 39 }),
          fc.integer({ min: 0, max: 4 }),
          fc.subarray(['billing', 'internet-backup']),
          (yearly, extra, options) => {
            const newAdditional = Math.min(extra, yearly);
            const coverage = coverageFor(yearly, newAdditional, options);
            const quote = quoteRenewal({ product: shinsei, edition: 'package', months: 12, options, coverage });
            const fees = coverage.charged.reduce((sum, charge) => sum + charge.feeYen, 0);
            expect(quote.totalYen).toBe(fees); // basic covered (yearly ≥ 3), so only the fees remain
          },
        ),
      );
    });
  });

  it('total = subtotal + tax, tax = floor(subtotal × rate), every line non-negative, for any product, choice and price', () => {
    const renewable = catalog.products.flatMap((product) =>
      (['package', 'download'] as const)
        .filter(
          (edition) => product.editions[edition] !== undefined && product.editions[edition]?.policy.licenseKind !== 'annual',
        )
        .map((edition) => ({ product, edition })),
    );
    expect(renewable.length).toBeGreaterThanOrEqual(9);
    fc.assert(
      fc.property(
        fc.constantFrom(...renewable),
        fc.integer({ min: 0, max: 100 }),
        fc.infiniteStream(fc.boolean()),
        fc.infiniteStream(fc.integer({ min: 0, max: 999_999 })),
        fc.integer({ min: 0, max: 80 }),
        ({ product: catalogProduct, edition }, taxRatePercent, keep, prices, yearly) => {
          const product = structuredClone(catalogProduct);
          const data = product.editions[edition];
          for (const price of [...(data?.prices.basic ?? []), ...Object.values(data?.prices.options ?? {}).flat()]) {
            price.yen = prices.next().value;
          }
          const choices = renewalChoices(product, edition);
          const options = choices.options.filter((option) => !option.removable || keep.next().value).map((option) => option.code);
          const months = choices.months[yearly % choices.months.length] ?? 12;
          const rule = data?.policy.optionCoverage ?? null;
          const coverage =
            rule === null
              ? undefined
              : optionCoverage(
                  {
                    installedOn: '2020-01-01',
                    renewalOn: '2024-01-01',
                    yearlyApplications: yearly,
                    newAdditionalApplications: Math.floor(yearly / 10),
                    licenses: 1,
                    options,
                  },
                  rule,
                );
          const quote = quoteRenewal({ product, edition, months, options, coverage, taxRatePercent });
          expect(quote.subtotalYen).toBe(quote.lines.reduce((sum, line) => sum + line.amountYen, 0));
          expect(quote.taxYen).toBe(Math.floor((quote.subtotalYen * taxRatePercent) / 100));
          expect(quote.totalYen).toBe(quote.subtotalYen + quote.taxYen);
          expect(quote.lines[0]?.code).toBe('basic');
          expect(
            quote.lines
              .slice(1)
              .map((line) => line.code.replace('option:', ''))
              .sort(),
          ).toEqual([...options].sort());
          for (const line of quote.lines) {
            expect(Number.isInteger(line.amountYen) && line.amountYen >= 0).toBe(true);
            if (line.status !== 'charged') expect(line.amountYen).toBe(0);
          }
        },
      ),
    );
  });
});
