import { describe, expect, it } from 'vitest';
import {
  editionsOf,
  findEdition,
  findProduct,
  launchPolicyFor,
  optionCoverageRuleFor,
  paymentMethodsFor,
  renewalChoices,
  supportContactFor,
  termRulesFor,
} from '../../../../src-shared/catalog';
import { SEED_004_COVERAGE_RULE, decideLaunch, resumptionDeadline } from '../../../../src-shared/licensing';
import { expectLicensingError } from '../licensing/expect-licensing-error';
import { loadSeedCatalog } from './seed-catalog';

const catalog = loadSeedCatalog();
const CLOSURES = ['12-29', '12-30', '12-31', '01-01', '01-02', '01-03'];

describe('SPEC §2 seed products, as catalog data', () => {
  it('1. desktop product, package edition: perpetual, day basis, 6 or 12 months, removable options, cut-off 16', () => {
    expect(launchPolicyFor(catalog, 'sakura-kaikei', 'package')).toEqual({
      basis: 'day',
      renewalWindowMonths: 2,
      resumptionYears: null,
      cutoffHour: 16,
      closures: CLOSURES,
      edition: 'package',
      kind: 'perpetual',
      offlineWarningDays: 30,
      reminders: ['reminder-2-months', 'reminder-20-days'],
    });
    const choices = renewalChoices(findProduct(catalog, 'sakura-kaikei'), 'package');
    expect(choices.months).toEqual([6, 12]);
    expect(choices.options.map((option) => [option.code, option.removable, option.pricing])).toEqual([
      ['bank-import', true, 'priced'],
      ['e-filing', true, 'priced'],
    ]);
    expect(findEdition(findProduct(catalog, 'sakura-kaikei'), 'package').policy.expiry).toBe('banner');
  });

  it('1. variants of the same line: 12 months only, and no options', () => {
    const suitocho = findProduct(catalog, 'sakura-suitocho');
    const takumi = findProduct(catalog, 'sakura-seikyu-takumi');
    expect(suitocho.line).toBe('sakura-desktop');
    expect(takumi.line).toBe('sakura-desktop');
    expect(renewalChoices(suitocho, 'package').months).toEqual([12]);
    expect(renewalChoices(takumi, 'package')).toMatchObject({ months: [6, 12], options: [] });
  });

  it('2. download edition: subscription, 12 months only, options included and not removable, blocked, web page', () => {
    const product = findProduct(catalog, 'sakura-kaikei');
    const { policy } = findEdition(product, 'download');
    expect(policy).toMatchObject({
      licenseKind: 'subscription',
      expiry: 'block',
      renewalMonths: [12],
      renewalWebPage: '/renew/sakura-kaikei',
    });
    expect(policy.options.every((option) => !option.removable && option.pricing === 'included')).toBe(true);
    expect(policy.options.map((option) => option.code)).toEqual(product.options.map((option) => option.code));
    const expired = decideLaunch({
      policy: launchPolicyFor(catalog, 'sakura-kaikei', 'download'),
      now: '2025-01-01T00:00:00Z',
      license: { term: { start: '2024-01-01', end: '2024-12-31' }, state: 'active', trial: false, lastOnlineCheck: null },
      online: true,
    });
    expect(expired).toMatchObject({ canStart: false, screen: 'renewal-web-page' });
  });

  it('3. tax-free terminal: subscription, 30-day trial, online extension, 30 offline-warning days, no reminders', () => {
    const { policy } = findEdition(findProduct(catalog, 'menzei-terminal'), 'download');
    expect(policy).toMatchObject({
      licenseKind: 'subscription',
      termBasis: 'day',
      trialDays: 30,
      onlineExtension: true,
      offlineWarningDays: 30,
      reminders: [],
    });
    expect(editionsOf(findProduct(catalog, 'menzei-terminal'))).toEqual(['download']);
  });

  it('4. modelling tool: perpetual, month-end support, resumption within 3 years, cut-off 15 direct', () => {
    const rules = termRulesFor(catalog, 'model-studio', 'download');
    expect(rules).toEqual({ basis: 'month-end', renewalWindowMonths: 2, resumptionYears: 3, cutoffHour: 15, closures: CLOSURES });
    expect(resumptionDeadline(rules, '2020-07-31')).toEqual({ date: '2023-07-31', cutoff: '2023-07-31T15:00:00+09:00' });
    expect(launchPolicyFor(catalog, 'model-studio', 'download').kind).toBe('perpetual');
  });

  it('4. annual variant: no renewal lengths, only repurchase', () => {
    const policy = launchPolicyFor(catalog, 'model-studio-annual', 'download');
    expect(policy).toMatchObject({ kind: 'annual', resumptionYears: null, basis: 'month-end' });
    expect(renewalChoices(findProduct(catalog, 'model-studio-annual'), 'download')).toMatchObject({
      months: [],
      defaultMonths: null,
    });
    const expired = decideLaunch({
      policy,
      now: '2025-01-01T00:00:00Z',
      license: { term: { start: '2024-01-01', end: '2024-12-31' }, state: 'active', trial: false, lastOnlineCheck: null },
      online: true,
    });
    expect(expired).toMatchObject({ canStart: false, screen: 'repurchase' });
  });

  it('5. application-support system: the two seed-004 options priced by the coverage rule (data, not a name branch)', () => {
    const product = findProduct(catalog, 'shinsei-shien');
    expect(product.options.map((option) => option.label)).toEqual(['請求管理機能', 'インターネットバックアップ機能']);
    expect(findEdition(product, 'package').policy.options.map((option) => option.pricing)).toEqual(['coverage', 'coverage']);
    expect(optionCoverageRuleFor(catalog, 'shinsei-shien', 'package')).toEqual(SEED_004_COVERAGE_RULE);
    expect(optionCoverageRuleFor(catalog, 'sakura-kaikei', 'package')).toBeNull();
  });
});

describe('catalog lookups', () => {
  it('support contact and payment methods of a product', () => {
    expect(supportContactFor(catalog, 'sakura-kaikei', 'package')).toMatchObject({
      phone: '050-3000-1001',
      phoneHours: [
        { from: '09:30', to: '12:00' },
        { from: '13:00', to: '17:00' },
      ],
    });
    expect(paymentMethodsFor(catalog, 'sakura-kaikei', 'package').map((method) => method.code)).toEqual([
      'card',
      'bank-transfer',
      'account-transfer',
    ]);
    const accountTransfer = paymentMethodsFor(catalog, 'menzei-terminal', 'download')[0];
    expect(accountTransfer).toMatchObject({ code: 'account-transfer', autoRenews: true, setupDays: 30 });
    expect(catalog.paymentMethods.filter((method) => method.autoRenews).map((method) => method.code)).toEqual([
      'account-transfer',
    ]);
  });

  it('unknown product or edition → typed errors', () => {
    expectLicensingError(() => termRulesFor(catalog, 'nope', 'package'), 'unknown-product');
    expectLicensingError(() => launchPolicyFor(catalog, 'menzei-terminal', 'package'), 'unknown-edition');
    expectLicensingError(() => findEdition(findProduct(catalog, 'sakura-kaikei'), 'cd-rom'), 'unknown-edition');
  });

  it('the wizard starts from the longest length with every option checked', () => {
    expect(renewalChoices(findProduct(catalog, 'sakura-kaikei'), 'package')).toMatchObject({
      defaultMonths: 12,
      defaultOptions: ['bank-import', 'e-filing'],
    });
  });
});
