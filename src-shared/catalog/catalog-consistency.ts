import { EDITIONS } from '../licensing/license-kind';
import type { Catalog, CatalogEdition, CatalogPricePoint } from './catalog-schema';

export type RawIssue = { path: PropertyKey[]; message: string };

function duplicates<T>(items: readonly T[], key: (item: T) => string): { index: number; first: number; value: string }[] {
  const firstIndex = new Map<string, number>();
  const found: { index: number; first: number; value: string }[] = [];
  items.forEach((item, index) => {
    const value = key(item);
    const first = firstIndex.get(value);
    if (first === undefined) firstIndex.set(value, index);
    else found.push({ index, first, value });
  });
  return found;
}

function checkPriceList(
  issues: RawIssue[],
  path: PropertyKey[],
  prices: readonly CatalogPricePoint[],
  renewalMonths: readonly number[],
  what: string,
): void {
  for (const dup of duplicates(prices, (price) => String(price.months))) {
    issues.push({ path: [...path, dup.index, 'months'], message: `${what}: ${dup.value} months priced twice` });
  }
  prices.forEach((price, index) => {
    if (!renewalMonths.includes(price.months)) {
      issues.push({
        path: [...path, index, 'months'],
        message: `${what}: ${price.months} months is not an allowed renewal length (${renewalMonths.join(', ') || 'none'})`,
      });
    }
  });
  for (const months of renewalMonths) {
    if (!prices.some((price) => price.months === months)) {
      issues.push({ path, message: `${what}: no price for the allowed renewal length of ${months} months` });
    }
  }
}

function checkEdition(
  issues: RawIssue[],
  catalog: Catalog,
  productIndex: number,
  edition: (typeof EDITIONS)[number],
  data: CatalogEdition,
): void {
  const product = catalog.products[productIndex];
  if (product === undefined) return;
  const base: PropertyKey[] = ['products', productIndex, 'editions', edition];
  const policyPath = [...base, 'policy'];
  const { policy, prices } = data;
  const productOptionCodes = new Set(product.options.map((option) => option.code));

  for (const dup of duplicates(policy.renewalMonths, String)) {
    issues.push({ path: [...policyPath, 'renewalMonths', dup.index], message: `${dup.value} months listed twice` });
  }
  if (policy.licenseKind === 'annual') {
    if (policy.renewalMonths.length > 0) {
      issues.push({ path: [...policyPath, 'renewalMonths'], message: 'an annual license is not renewed: must be []' });
    }
    if (policy.resumptionYears !== null) {
      issues.push({ path: [...policyPath, 'resumptionYears'], message: 'an annual license is not resumed: must be null' });
    }
  } else if (policy.renewalMonths.length === 0) {
    issues.push({ path: [...policyPath, 'renewalMonths'], message: 'at least one renewal length for a renewable license' });
  }

  const expectedExpiry = policy.licenseKind === 'perpetual' ? 'banner' : 'block';
  if (policy.expiry !== expectedExpiry) {
    issues.push({
      path: [...policyPath, 'expiry'],
      message: `a ${policy.licenseKind} license ${expectedExpiry === 'banner' ? 'keeps starting' : 'stops'} after expiry: must be "${expectedExpiry}"`,
    });
  }
  if (edition === 'download' && policy.renewalWebPage === null) {
    issues.push({
      path: [...policyPath, 'renewalWebPage'],
      message: 'a download edition renews on the web: a page path is required',
    });
  }
  for (const dup of duplicates(policy.reminders, String)) {
    issues.push({ path: [...policyPath, 'reminders', dup.index], message: `reminder "${dup.value}" listed twice` });
  }
  for (const dup of duplicates(policy.paymentMethods, String)) {
    issues.push({ path: [...policyPath, 'paymentMethods', dup.index], message: `payment method "${dup.value}" listed twice` });
  }
  policy.paymentMethods.forEach((method, index) => {
    if (!catalog.paymentMethods.some((defined) => defined.code === method)) {
      issues.push({
        path: [...policyPath, 'paymentMethods', index],
        message: `payment method "${method}" is not defined in catalog.paymentMethods`,
      });
    }
  });
  if (!catalog.supportContacts.some((contact) => contact.code === policy.supportContact)) {
    issues.push({
      path: [...policyPath, 'supportContact'],
      message: `support contact "${policy.supportContact}" is not defined in catalog.supportContacts`,
    });
  }

  for (const dup of duplicates(policy.options, (option) => option.code)) {
    issues.push({ path: [...policyPath, 'options', dup.index, 'code'], message: `option "${dup.value}" listed twice` });
  }
  policy.options.forEach((option, index) => {
    const optionPath = [...policyPath, 'options', index];
    if (!productOptionCodes.has(option.code)) {
      issues.push({
        path: [...optionPath, 'code'],
        message: `option "${option.code}" is not defined in catalog.products[${productIndex}].options`,
      });
    }
    if (option.pricing === 'included' && option.removable) {
      issues.push({ path: [...optionPath, 'removable'], message: 'an option included in the price cannot be removable' });
    }
    if (option.pricing === 'coverage' && policy.optionCoverage === null) {
      issues.push({ path: [...optionPath, 'pricing'], message: '"coverage" pricing needs policy.optionCoverage' });
    }
    if (option.pricing === 'priced') {
      const optionPrices = prices.options[option.code];
      if (optionPrices === undefined) {
        issues.push({ path: [...base, 'prices', 'options'], message: `no prices for the priced option "${option.code}"` });
      } else {
        checkPriceList(
          issues,
          [...base, 'prices', 'options', option.code],
          optionPrices,
          policy.renewalMonths,
          `option "${option.code}"`,
        );
      }
    }
  });
  for (const optionCode of Object.keys(prices.options)) {
    if (!policy.options.some((option) => option.code === optionCode && option.pricing === 'priced')) {
      issues.push({
        path: [...base, 'prices', 'options', optionCode],
        message: `prices for "${optionCode}", which is not a priced option of this policy`,
      });
    }
  }
  checkPriceList(issues, [...base, 'prices', 'basic'], prices.basic, policy.renewalMonths, 'basic renewal');
}

/** Rules that span fields: unique codes, references that resolve, prices for every allowed length. */
export function catalogConsistencyIssues(catalog: Catalog): RawIssue[] {
  const issues: RawIssue[] = [];
  for (const dup of duplicates(catalog.products, (product) => product.code)) {
    issues.push({
      path: ['products', dup.index, 'code'],
      message: `duplicate product code "${dup.value}" (also catalog.products[${dup.first}])`,
    });
  }
  for (const dup of duplicates(catalog.supportContacts, (contact) => contact.code)) {
    issues.push({ path: ['supportContacts', dup.index, 'code'], message: `duplicate support contact code "${dup.value}"` });
  }
  for (const dup of duplicates(catalog.paymentMethods, (method) => method.code)) {
    issues.push({ path: ['paymentMethods', dup.index, 'code'], message: `duplicate payment method code "${dup.value}"` });
  }
  catalog.supportContacts.forEach((contact, contactIndex) => {
    contact.phoneHours.forEach((range, index) => {
      if (range.from >= range.to) {
        issues.push({
          path: ['supportContacts', contactIndex, 'phoneHours', index],
          message: `phone hours must end after they start (${range.from}–${range.to})`,
        });
      }
    });
  });
  catalog.products.forEach((product, productIndex) => {
    for (const dup of duplicates(product.options, (option) => option.code)) {
      issues.push({
        path: ['products', productIndex, 'options', dup.index, 'code'],
        message: `duplicate option code "${dup.value}"`,
      });
    }
    for (const edition of EDITIONS) {
      const data = product.editions[edition];
      if (data !== undefined) checkEdition(issues, catalog, productIndex, edition, data);
    }
  });
  return issues;
}
