import crypto from 'node:crypto';
import { findProduct, paymentMethodsFor } from '../../src-shared/catalog';
import { type Quote } from '../../src-shared/contracts/http';
import { quoteRenewal } from '../../src-shared/licensing';
import { HttpError } from '../http/http-error';
import { toHttpError } from '../http/licensing-errors';
import { type LicenseRow } from '../licenses/license-repository';
import { type ServiceContext } from '../service-context';
import { assertRenewable, coverageFor, planFor } from './renewal-context';

const QUOTE_VALID_MS = 24 * 60 * 60 * 1000;

/** A priced, stored quote the customer can order from within a day. */
export function createQuote(ctx: ServiceContext, license: LicenseRow, months: number, options: string[]): Quote {
  assertRenewable(ctx, license);
  const now = ctx.clock();
  const plan = planFor(ctx, license, months, now);
  const coverage = coverageFor(ctx, license, options, plan.term.start);
  let priced;
  try {
    priced = quoteRenewal({
      product: findProduct(ctx.catalog, license.product),
      edition: license.edition,
      months,
      options,
      ...(coverage ? { coverage } : {}),
      taxRatePercent: ctx.catalog.taxRatePercent,
    });
  } catch (error) {
    toHttpError(error);
  }
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
  ctx.db
    .prepare(
      'INSERT INTO quotes (id, license_id, plan_kind, months, options, body, total_yen, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      quote.id,
      license.id,
      quote.planKind,
      months,
      JSON.stringify(options),
      JSON.stringify(quote),
      quote.totalYen,
      now.toISOString(),
      quote.expiresAt,
    );
  return quote;
}

export function findQuote(ctx: ServiceContext, license: LicenseRow, quoteId: string): Quote {
  const row = ctx.db
    .prepare<[string, string], { body: string; expires_at: string }>(
      'SELECT body, expires_at FROM quotes WHERE id = ? AND license_id = ?',
    )
    .get(quoteId, license.id);
  if (!row) throw new HttpError(404, 'quote-not-found', 'no such quote for this license');
  if (row.expires_at < ctx.clock().toISOString()) throw new HttpError(410, 'quote-expired', 'the quote has expired');
  return JSON.parse(row.body) as Quote;
}
