import crypto from 'node:crypto';
import { findProduct, paymentMethodsFor } from '../../src-shared/catalog';
import { type Quote } from '../../src-shared/contracts/http';
import { quoteRenewal } from '../../src-shared/licensing';
import { DomainError } from '../domain/domain-error';
import { type LicenseRow } from '../licenses/license-repository';
import { type ServiceContext } from '../service-context';
import { lapseOverdueOrders } from './lapse';
import { type StoredQuote } from './quote-repository';
import { assertRenewable, coverageFor, planAt } from './renewal-context';

const QUOTE_VALID_MS = 24 * 60 * 60 * 1000;

/** A priced, stored quote the customer can order from within a day. */
export async function createQuote(ctx: ServiceContext, license: LicenseRow, months: number, options: string[]): Promise<Quote> {
  await lapseOverdueOrders(ctx);
  await assertRenewable(ctx, license);
  const now = ctx.clock();
  const plan = planAt(ctx, license, months, now);
  const coverage = await coverageFor(ctx, license, options, plan.term.start);
  const priced = quoteRenewal({
    product: findProduct(ctx.catalog, license.product),
    edition: license.edition,
    months,
    options,
    ...(coverage ? { coverage } : {}),
    taxRatePercent: ctx.catalog.taxRatePercent,
  });
  const quote: Quote = {
    id: crypto.randomUUID(),
    planKind: plan.kind,
    term: plan.term,
    months,
    options,
    lines: priced.lines,
    subtotalYen: priced.subtotalYen,
    taxYen: priced.taxYen,
    totalYen: priced.totalYen,
    taxRatePercent: priced.taxRatePercent,
    expiresAt: new Date(now.getTime() + QUOTE_VALID_MS).toISOString(),
    paymentMethods: paymentMethodsFor(ctx.catalog, license.product, license.edition).map((m) => ({
      code: m.code,
      label: m.label,
      autoRenews: m.autoRenews,
      setupDays: m.setupDays,
    })),
    uncoveredOptions: coverage?.charged ?? [],
  };
  await ctx.quotes.insert(license.id, quote, now.toISOString());
  return quote;
}

export async function findQuote(ctx: ServiceContext, license: LicenseRow, quoteId: string): Promise<Quote> {
  return (await findStoredQuote(ctx, license, quoteId)).quote;
}

/** The quote with what the service keeps beside it (a co-terming quote's per-license plan). */
export async function findStoredQuote(ctx: ServiceContext, license: LicenseRow, quoteId: string): Promise<StoredQuote> {
  const stored = await ctx.quotes.findForLicense(quoteId, license.id);
  if (!stored) throw new DomainError('quote-not-found', 'no such quote for this license');
  if (stored.expiresAt < ctx.clock().toISOString()) throw new DomainError('quote-expired', 'the quote has expired');
  return stored;
}
