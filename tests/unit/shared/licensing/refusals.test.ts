import { describe, expect, it } from 'vitest';
import { findProduct, optionCoverageRuleFor } from '../../../../src-shared/catalog';
import { optionCoverage, planRenewal, quoteRenewal, type OptionCoverageInput } from '../../../../src-shared/licensing';
import { loadSeedCatalog } from '../catalog/seed-catalog';
import { expectLicensingError } from './expect-licensing-error';
import { MONTH_END_DIRECT } from './rules-fixtures';

// What a refusal carries is what the service turns into an HTTP error and the UI into a sentence: the code, the
// details the message interpolates, and a message that names the offending value for the logs.

const catalog = loadSeedCatalog();
const kaikei = findProduct(catalog, 'sakura-kaikei');
const shinsei = findProduct(catalog, 'shinsei-shien');
const seed004 = optionCoverageRuleFor(catalog, 'shinsei-shien', 'package') ?? undefined;
const coverageInput = (changes: Partial<OptionCoverageInput>): OptionCoverageInput => ({
  installedOn: '2022-04-01',
  renewalOn: '2024-04-01',
  yearlyApplications: 50,
  newAdditionalApplications: 0,
  licenses: 1,
  options: ['billing'],
  ...changes,
});

describe('optionCoverage refusals', () => {
  it('name the field that is wrong', () => {
    for (const [field, change] of [
      ['yearlyApplications', { yearlyApplications: -1 }],
      ['newAdditionalApplications', { newAdditionalApplications: 1.5 }],
      ['licenses', { licenses: 0 }],
    ] as const) {
      const error = expectLicensingError(() => optionCoverage(coverageInput(change)), 'invalid-coverage-input');
      expect(error.details, field).toEqual({ field });
      expect(error.message, field).toContain(`${field} must be a whole number ≥`);
    }
    const early = expectLicensingError(
      () => optionCoverage(coverageInput({ renewalOn: '2022-03-31' })),
      'invalid-coverage-input',
    );
    expect(early.details).toEqual({ field: 'renewalOn' });
    expect(early.message).toContain('renewalOn is before installedOn');
    const tooMany = expectLicensingError(
      () => optionCoverage(coverageInput({ yearlyApplications: 1, newAdditionalApplications: 2 })),
      'invalid-coverage-input',
    );
    expect(tooMany.details).toEqual({ field: 'newAdditionalApplications' });
    expect(tooMany.message).toContain('cannot exceed');
    const twice = expectLicensingError(
      () => optionCoverage(coverageInput({ options: ['billing', 'billing'] })),
      'duplicate-option',
    );
    expect(twice.details).toEqual({ option: 'billing' });
    expect(twice.message).toContain('option listed twice: billing');
  });

  it('accept a renewal that starts on the installation day', () => {
    expect(optionCoverage(coverageInput({ installedOn: '2024-04-01' })).basicCovered).toBe(true);
  });
});

describe('planRenewal refusals', () => {
  const modelling = { ...MONTH_END_DIRECT, kind: 'perpetual' as const };

  it('say when the window opens, when resumption closed, and that annual licenses are bought again', () => {
    const early = expectLicensingError(
      () => planRenewal(modelling, { currentEnd: '2020-09-30', now: '2020-07-31T14:59:59Z', months: 12 }),
      'renewal-not-open',
    );
    expect(early.message).toContain('renewal opens on 2020-08-01');
    const late = expectLicensingError(
      () => planRenewal(modelling, { currentEnd: '2020-07-31', now: '2023-07-31T15:00:01+09:00', months: 12 }),
      'resumption-period-over',
    );
    expect(late.message).toContain('resumption closed at 2023-07-31T15:00:00+09:00');
    const annual = expectLicensingError(
      () =>
        planRenewal(
          { ...MONTH_END_DIRECT, kind: 'annual' },
          { currentEnd: '2020-07-31', now: '2020-07-01T00:00:00Z', months: 12 },
        ),
      'renewal-not-offered',
    );
    expect(annual.message).toContain('buy the license again');
  });
});

describe('quoteRenewal refusals', () => {
  const quote = (changes: Partial<Parameters<typeof quoteRenewal>[0]>) =>
    quoteRenewal({ product: kaikei, edition: 'package', months: 12, options: [], ...changes });

  it('take tax rates from 0 to 100 % only, naming the rate', () => {
    expect(quote({ taxRatePercent: 0 }).taxYen).toBe(0);
    expect(quote({ taxRatePercent: 100 }).taxYen).toBe(quote({ taxRatePercent: 100 }).subtotalYen);
    for (const taxRatePercent of [-1, 101]) {
      const error = expectLicensingError(() => quote({ taxRatePercent }), 'invalid-tax-rate');
      expect(error.message).toContain(`0–100: ${taxRatePercent}`);
    }
  });

  it('name the product, the lengths offered and the options at fault', () => {
    const annual = expectLicensingError(
      () => quote({ product: findProduct(catalog, 'model-studio-annual'), edition: 'download' }),
      'renewal-not-offered',
    );
    expect(annual.details).toEqual({ product: 'model-studio-annual' });
    expect(annual.message).toContain('model-studio-annual is an annual license');
    const months = expectLicensingError(() => quote({ months: 7 }), 'months-not-allowed');
    expect(months.details).toEqual({ months: 7, allowed: '6,12' });
    expect(months.message).toContain('7 months is not offered for sakura-kaikei (package)');
    const twice = expectLicensingError(() => quote({ options: ['e-filing', 'e-filing'] }), 'duplicate-option');
    expect(twice.details).toEqual({ option: 'e-filing' });
    expect(twice.message).toContain('option listed twice: e-filing');
    const unknown = expectLicensingError(() => quote({ options: ['payroll'] }), 'unknown-option');
    expect(unknown.details).toEqual({ option: 'payroll' });
    expect(unknown.message).toContain('sakura-kaikei (package) has no option "payroll"');
    const kept = expectLicensingError(() => quote({ edition: 'download', options: ['bank-import'] }), 'option-not-removable');
    expect(kept.message).toContain('option "e-filing" cannot be removed');
  });

  it('explain a missing or mismatched coverage', () => {
    const missing = expectLicensingError(() => quote({ product: shinsei, options: ['billing'] }), 'coverage-required');
    expect(missing.message).toContain('shinsei-shien needs the application counts');
    const wider = optionCoverage(coverageInput({ options: ['billing', 'internet-backup'] }), seed004);
    const mismatch = expectLicensingError(
      () => quote({ product: shinsei, options: ['billing'], coverage: wider }),
      'coverage-mismatch',
    );
    expect(mismatch.message).toContain('computed for other options');
  });

  it('need coverage only for the options priced by it', () => {
    const policy = shinsei.editions.package!.policy;
    const withIncluded = {
      ...shinsei,
      options: [...shinsei.options, { code: 'manual', label: '操作マニュアル' }],
      editions: {
        package: {
          ...shinsei.editions.package!,
          policy: { ...policy, options: [...policy.options, { code: 'manual', pricing: 'included', removable: false }] },
        },
      },
    } as typeof shinsei;
    const coverage = optionCoverage(coverageInput({ options: ['billing'] }), seed004);
    const result = quote({ product: withIncluded, options: ['billing', 'manual'], coverage });
    expect(result.lines.map((line) => [line.code, line.status])).toEqual([
      ['basic', 'free'],
      ['option:billing', 'free'],
      ['option:manual', 'included'],
    ]);
  });

  it('ignore a coverage passed for a product that is not priced by applications', () => {
    const coverage = optionCoverage(coverageInput({ options: [] }), seed004);
    expect(coverage.basicCovered).toBe(true);
    const result = quote({ coverage });
    expect(result.lines[0]).toMatchObject({ code: 'basic', status: 'charged', amountYen: 33000 });
  });

  it('never quote a price the catalog does not have', () => {
    const pkg = kaikei.editions.package!;
    const noSixMonths = {
      ...kaikei,
      editions: {
        ...kaikei.editions,
        package: { ...pkg, prices: { ...pkg.prices, basic: pkg.prices.basic.filter((p) => p.months !== 6) } },
      },
    } as typeof kaikei;
    expect(() => quote({ product: noSixMonths, months: 6 })).toThrow('catalog has no 6-month price for the basic renewal');
    const { 'e-filing': _dropped, ...otherOptions } = pkg.prices.options;
    const noEFilingPrice = {
      ...kaikei,
      editions: { ...kaikei.editions, package: { ...pkg, prices: { ...pkg.prices, options: otherOptions } } },
    } as typeof kaikei;
    expect(() => quote({ product: noEFilingPrice, options: ['e-filing'] })).toThrow('catalog has no 12-month price for e-filing');
  });
});
