import { findProduct, optionCoverageRuleFor, termRulesFor } from '../../src-shared/catalog';
import { type OptionCoverage, optionCoverage, planRenewal, type RenewalPlan } from '../../src-shared/licensing';
import { DomainError } from '../domain/domain-error';
import { type LicenseRow } from '../licenses/license-repository';
import { type ServiceContext } from '../service-context';

/**
 * The checks every renewal passes before money is discussed (SPEC §6): not a trial, registered (package),
 * nothing unsettled from a previous renewal, inside the window, not past the resumption deadline. Callers lapse
 * overdue orders first (an overdue order blocks either way: pending or lapsed).
 */
export async function assertRenewable(ctx: ServiceContext, license: LicenseRow): Promise<void> {
  if (license.trial) throw new DomainError('repurchase-required', 'a trial is not renewed; buy a license');
  if (license.edition === 'package' && license.registrationNumber !== null && license.registeredAt === null) {
    throw new DomainError('registration-required', 'register the product before renewing');
  }
  const unsettled = await ctx.orders.unsettledFor(license.id);
  if (unsettled) {
    throw new DomainError('previous-renewal-unpaid', 'a previous renewal is not settled', {
      orderId: unsettled.id,
      orderState: unsettled.state,
    });
  }
}

/**
 * Which term `months` buy if paid at `paidAt`: continuous inside the term, resumption after it. A refusal is the
 * rules engine's error (renewal-not-open, resumption-period-over, …), mapped once, in rules-errors.ts.
 */
export function planAt(ctx: ServiceContext, license: LicenseRow, months: number, paidAt: Date): RenewalPlan {
  const rules = termRulesFor(ctx.catalog, license.product, license.edition);
  return planRenewal({ ...rules, kind: license.kind }, { currentEnd: license.termEnd, now: paidAt.toISOString(), months });
}

/** Seed 004: which wanted options the customer's applications cover; undefined for products without the rule. */
export async function coverageFor(
  ctx: ServiceContext,
  license: LicenseRow,
  options: string[],
  renewalOn: string,
): Promise<OptionCoverage | undefined> {
  const rule = optionCoverageRuleFor(ctx.catalog, license.product, license.edition);
  if (!rule) return undefined;
  const product = findProduct(ctx.catalog, license.product);
  const policy = product.editions[license.edition]!.policy;
  const coverageOptions = options.filter((o) => policy.options.some((p) => p.code === o && p.pricing === 'coverage'));
  const customer = license.customerId ? await ctx.customers.find(license.customerId) : null;
  return optionCoverage(
    {
      installedOn: license.installedOn ?? license.termStart,
      renewalOn,
      yearlyApplications: customer?.yearlyApplications ?? 0,
      newAdditionalApplications: customer?.newAdditionalApplications ?? 0,
      licenses: Math.max(1, customer ? await ctx.customers.licenseCount(customer.id) : 1),
      options: coverageOptions,
    },
    rule,
  );
}

/** The license's service term once a plan is paid: a continuous renewal extends it, a resumption starts anew. */
export function termAfter(license: LicenseRow, plan: Pick<RenewalPlan, 'kind' | 'term'>): { start: string; end: string } {
  return plan.kind === 'continuous' ? { start: license.termStart, end: plan.term.end } : plan.term;
}
