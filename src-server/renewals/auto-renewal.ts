import crypto from 'node:crypto';
import { findProduct, termRulesFor } from '../../src-shared/catalog';
import { continuousRenewalTerm, isRenewalWindowOpen, jstDateOf, quoteRenewal } from '../../src-shared/licensing';
import { type LicenseRow } from '../licenses/license-repository';
import { type ServiceContext } from '../service-context';
import { coverageFor } from './renewal-context';

/**
 * Licenses with a standing account transfer (口座振替) renew themselves: when a validation arrives inside the
 * renewal window, the next term is debited (sandbox) and the term extended, once per term: the order's
 * Idempotency-Key is derived from the license and its current end, and is UNIQUE in the database.
 */
export function extendAutoRenewing(ctx: ServiceContext, license: LicenseRow): LicenseRow {
  if (!license.autoRenew || license.kind === 'annual' || license.trial) return license;
  const now = ctx.clock();
  const nowIso = now.toISOString();
  const rules = termRulesFor(ctx.catalog, license.product, license.edition);
  if (!isRenewalWindowOpen(rules, license.termEnd, jstDateOf(nowIso)) && jstDateOf(nowIso) <= license.termEnd) return license;
  const key = `auto:${license.id}:${license.termEnd}`;
  if (ctx.orders.findByIdempotencyKey(key)) return license;
  const last = ctx.orders.forLicense(license.id).filter((o) => o.state === 'paid').at(-1);
  const product = findProduct(ctx.catalog, license.product);
  const policy = product.editions[license.edition]!.policy;
  const months = last?.months ?? Math.max(...policy.renewalMonths);
  const options = last?.options ?? policy.options.map((o) => o.code);
  const term = continuousRenewalTerm(rules, license.termEnd, months);
  const coverage = coverageFor(ctx, license, options, term.start);
  const quote = quoteRenewal({ product, edition: license.edition, months, options, ...(coverage ? { coverage } : {}), taxRatePercent: ctx.catalog.taxRatePercent });
  ctx.db.transaction(() => {
    const quoteId = crypto.randomUUID();
    ctx.db
      .prepare('INSERT INTO quotes (id, license_id, plan_kind, months, options, body, total_yen, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(quoteId, license.id, 'continuous', months, JSON.stringify(options), JSON.stringify(quote), quote.totalYen, nowIso, nowIso);
    const orderId = crypto.randomUUID();
    ctx.orders.insert(
      {
        id: orderId, licenseId: license.id, quoteId, idempotencyKey: key, requestHash: key, method: 'account-transfer', state: 'paid',
        amountYen: quote.totalYen, months, options, termStart: term.start, termEnd: term.end, dueOn: null,
        response: { status: 201, body: { automatic: true } }, createdAt: nowIso,
      },
      nowIso,
    );
    ctx.orders.recordPayment(orderId, { method: 'account-transfer', amountYen: quote.totalYen, outcome: 'succeeded', reference: 'direct-debit' }, nowIso);
    ctx.licenses.setTerm(license.id, { start: license.termStart, end: term.end }, options, nowIso);
  })();
  return ctx.licenses.findById(license.id)!;
}
