import crypto from 'node:crypto';
import { findProduct, termRulesFor } from '../../src-shared/catalog';
import { isRenewalWindowOpen, jstDateOf } from '../../src-shared/licensing';
import { type LicenseRow } from '../licenses/license-repository';
import { type ServiceContext } from '../service-context';
import { createQuote } from './quote-service';
import { termAfter } from './renewal-context';

/**
 * Licenses with a standing account transfer (口座振替) renew themselves: when a validation arrives inside the
 * renewal window (and not after the end: a lapsed license resumes through a normal order), the next term is
 * debited (sandbox) and the term extended — through the same quote and renewal checks as any order, so an
 * unsettled order or a closed window stops it. Once per term: the order's Idempotency-Key is derived from the
 * license and its current end and is UNIQUE in the database. A failure is logged and never blocks the lease.
 */
/** Where a skipped automatic renewal is reported: the request's log, or a validation worker's collected lines. */
export type RenewalLog = { warn: (fields: Record<string, unknown>, message: string) => void };

export async function extendAutoRenewing(ctx: ServiceContext, license: LicenseRow, log: RenewalLog): Promise<LicenseRow> {
  if (!license.autoRenew || license.kind === 'annual' || license.trial) return license;
  const nowIso = ctx.clock().toISOString();
  const today = jstDateOf(nowIso);
  const key = `auto:${license.id}:${license.termEnd}`;
  try {
    const rules = termRulesFor(ctx.catalog, license.product, license.edition);
    if (today > license.termEnd || !isRenewalWindowOpen(rules, license.termEnd, today)) return license;
    if (await ctx.orders.findByIdempotencyKey(key)) return license;
    const policy = findProduct(ctx.catalog, license.product).editions[license.edition]!.policy;
    if (!policy.paymentMethods.includes('account-transfer')) return license;
    // The same length and options as last time; without a paid order yet, the options the license has now.
    const last = (await ctx.orders.forLicense(license.id)).filter((o) => o.state === 'paid').at(-1);
    const months = last && policy.renewalMonths.includes(last.months) ? last.months : Math.max(...policy.renewalMonths);
    const wanted = last?.options ?? license.options.map((o) => o.code);
    const options = policy.options.filter((o) => !o.removable || wanted.includes(o.code)).map((o) => o.code);
    await ctx.store.withTransaction(async () => {
      const quote = await createQuote(ctx, license, months, options);
      const orderId = crypto.randomUUID();
      await ctx.orders.insert(
        {
          id: orderId,
          licenseId: license.id,
          quoteId: quote.id,
          idempotencyKey: key,
          requestHash: key,
          method: 'account-transfer',
          state: 'paid',
          amountYen: quote.totalYen,
          months,
          options,
          termStart: quote.term.start,
          termEnd: quote.term.end,
          dueOn: null,
          placedOnTermEnd: license.termEnd,
          paidOn: today,
          response: { status: 201, body: { automatic: true } },
          createdAt: nowIso,
        },
        nowIso,
      );
      await ctx.orders.recordPayment(
        orderId,
        { method: 'account-transfer', amountYen: quote.totalYen, outcome: 'succeeded', reference: 'direct-debit' },
        nowIso,
      );
      await ctx.licenses.setTerm(license.id, termAfter(license, { kind: quote.planKind, term: quote.term }), options, nowIso);
    });
  } catch (error) {
    log.warn({ err: error, licenseId: license.id }, 'automatic renewal skipped');
    return license;
  }
  return (await ctx.licenses.findById(license.id))!;
}
