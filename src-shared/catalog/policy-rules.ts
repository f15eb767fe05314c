import type { LaunchPolicy } from '../licensing/launch-decision';
import type { Edition } from '../licensing/license-kind';
import type { OptionCoverageRule } from '../licensing/option-coverage';
import type { TermRules } from '../licensing/term-rules';
import type { Catalog, CatalogEdition, PaymentMethod, SupportContact } from './catalog-schema';
import { findEdition, findProduct } from './product-lookup';

function editionOf(catalog: Catalog, productCode: string, edition: string): CatalogEdition {
  return findEdition(findProduct(catalog, productCode), edition);
}

export function termRulesFor(catalog: Catalog, productCode: string, edition: string): TermRules {
  const { policy } = editionOf(catalog, productCode, edition);
  return {
    basis: policy.termBasis,
    renewalWindowMonths: policy.renewalWindowMonths,
    resumptionYears: policy.resumptionYears,
    cutoffHour: policy.cutoffHour,
    closures: [...catalog.closures],
  };
}

export function launchPolicyFor(catalog: Catalog, productCode: string, edition: string): LaunchPolicy {
  const { policy } = editionOf(catalog, productCode, edition);
  return {
    ...termRulesFor(catalog, productCode, edition),
    edition: edition as Edition,
    kind: policy.licenseKind,
    offlineWarningDays: policy.offlineWarningDays,
    reminders: [...policy.reminders],
  };
}

/** The seed-004 rule when the policy prices options by application counts, else null. */
export function optionCoverageRuleFor(catalog: Catalog, productCode: string, edition: string): OptionCoverageRule | null {
  const { policy } = editionOf(catalog, productCode, edition);
  return policy.optionCoverage === null ? null : { ...policy.optionCoverage };
}

export function supportContactFor(catalog: Catalog, productCode: string, edition: string): SupportContact {
  const { policy } = editionOf(catalog, productCode, edition);
  const contact = catalog.supportContacts.find((candidate) => candidate.code === policy.supportContact);
  // parseCatalog guarantees the reference resolves; a hand-built catalog that breaks it is a programming error.
  if (contact === undefined) throw new Error(`support contact "${policy.supportContact}" is not in the catalog`);
  return contact;
}

/** The payment methods the policy offers, in the policy's order. */
export function paymentMethodsFor(catalog: Catalog, productCode: string, edition: string): PaymentMethod[] {
  const { policy } = editionOf(catalog, productCode, edition);
  return policy.paymentMethods.flatMap((code) => catalog.paymentMethods.filter((method) => method.code === code));
}
