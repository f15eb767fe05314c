import crypto from 'node:crypto';
import { findProduct, paymentMethodsFor } from '../../src-shared/catalog';
import { type CoTermTargetCode, type Quote } from '../../src-shared/contracts/http';
import { maskLicenseNumber } from '../../src-shared/contracts/license-number';
import {
  type CoTermLicenseInput,
  type CoTermTarget,
  isLicensingError,
  jstDateOf,
  quoteCoTermRenewal,
} from '../../src-shared/licensing';
import { DomainError } from '../domain/domain-error';
import { alignedWith, lastGroup } from '../licenses/customer-support';
import { type LicenseRow } from '../licenses/license-repository';
import { type ServiceContext } from '../service-context';
import { lapseOverdueOrders } from './lapse';
import { type CoTermPlan } from './quote-repository';
import { assertRenewable, coverageFor } from './renewal-context';

const QUOTE_VALID_MS = 24 * 60 * 60 * 1000;

/** The options a license keeps when renewed with others: those renewed with its current term, and the required ones. */
export function keptOptions(ctx: ServiceContext, license: LicenseRow): string[] {
  const policy = findProduct(ctx.catalog, license.product).editions[license.edition]!.policy;
  return policy.options
    .filter((o) => !o.removable || license.options.some((held) => held.code === o.code && held.end >= license.termEnd))
    .map((o) => o.code);
}

/**
 * The licenses a co-terming renewal asked from `license` covers: the customer's perpetual licenses of the same
 * catalog line, `license` first. Refused when there is nothing to align (no customer, not perpetual, alone in its line).
 */
export async function coTermLicenses(ctx: ServiceContext, license: LicenseRow): Promise<LicenseRow[]> {
  if (license.kind !== 'perpetual')
    throw new DomainError('co-term-not-offered', 'only perpetual licenses are renewed together', { reason: 'not-perpetual' });
  const all = license.customerId ? await ctx.licenses.ofCustomer(license.customerId) : [];
  const self = all.find((l) => l.id === license.id);
  const aligned = self ? alignedWith(ctx, self, all) : [];
  if (aligned.length < 2)
    throw new DomainError('co-term-not-offered', 'the customer holds no other license of this product line', {
      reason: 'single-license',
    });
  const rows = [];
  for (const other of aligned) rows.push(other.id === license.id ? license : (await ctx.licenses.findById(other.id))!);
  // This device's license first, then by current end and number, so the quote reads the same every time.
  const rank = (l: LicenseRow) => [l.id === license.id ? 0 : 1, l.termEnd, l.number].join('|');
  return rows.sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
}

function target(together: CoTermTargetCode, months: number): CoTermTarget {
  return together === 'latest-end' ? { kind: 'latest-end' } : { kind: 'months', months };
}

/**
 * A quote renewing the customer's licenses of `license`'s line together to one end date (seed 003
 * 「追加購入している場合で異なるサポート期間のライセンスがある場合」), through the same quotes table as a single renewal,
 * with the per-license plan stored beside it. Every license must pass the renewal checks (unpaid orders, registration).
 * The quote's own term, plan kind and months are `license`'s; `lines` are every license's, labelled with it.
 */
export async function createCoTermQuote(
  ctx: ServiceContext,
  license: LicenseRow,
  together: CoTermTargetCode,
  months: number,
): Promise<Quote> {
  await lapseOverdueOrders(ctx);
  const licenses = await coTermLicenses(ctx, license);
  for (const each of licenses) await assertRenewable(ctx, each);
  const now = ctx.clock();
  const today = jstDateOf(now.toISOString());
  const inputs: CoTermLicenseInput[] = [];
  for (const each of licenses) {
    const options = keptOptions(ctx, each);
    const coverage = await coverageFor(ctx, each, options, today);
    inputs.push({
      id: each.id,
      productCode: each.product,
      edition: each.edition,
      term: { start: each.termStart, end: each.termEnd },
      options,
      ...(coverage ? { coverage } : {}),
    });
  }
  let priced;
  try {
    priced = quoteCoTermRenewal({
      catalog: ctx.catalog,
      licenses: inputs,
      now: now.toISOString(),
      target: target(together, months),
    });
  } catch (error) {
    // Every license has ended: "to the latest end" would be a date in the past; the customer picks a length instead.
    if (isLicensingError(error) && error.code === 'renewal-not-offered' && error.details.latestEnd !== undefined)
      throw new DomainError('co-term-not-offered', error.message, {
        reason: 'all-ended',
        latestEnd: String(error.details.latestEnd),
      });
    throw error;
  }
  const byId = new Map(licenses.map((l) => [l.id, l]));
  const mine = priced.licenses.find((l) => l.licenseId === license.id)!;
  const names = new Map(licenses.map((l) => [l.id, findProduct(ctx.catalog, l.product).name]));
  // Only the methods every product of the quote offers; an account transfer would make one order renew several
  // licenses automatically next time, which no license's policy describes, so it is not offered here.
  const methods = paymentMethodsFor(ctx.catalog, license.product, license.edition).filter(
    (m) =>
      m.code !== 'account-transfer' &&
      licenses.every((l) => paymentMethodsFor(ctx.catalog, l.product, l.edition).some((o) => o.code === m.code)),
  );
  const quote: Quote = {
    id: crypto.randomUUID(),
    planKind: mine.renewal === 'resumption' ? 'resumption' : 'continuous',
    term: mine.term ?? { start: license.termStart, end: license.termEnd },
    months: mine.months,
    options: inputs[0]!.options,
    lines: priced.licenses.flatMap((l) =>
      l.lines.map((line) => ({
        ...line,
        label: `${maskLicenseNumber(byId.get(l.licenseId)!.number)} ${names.get(l.licenseId)!}: ${line.label}`,
      })),
    ),
    subtotalYen: priced.subtotalYen,
    taxYen: priced.taxYen,
    totalYen: priced.totalYen,
    taxRatePercent: priced.taxRatePercent,
    expiresAt: new Date(now.getTime() + QUOTE_VALID_MS).toISOString(),
    paymentMethods: methods.map((m) => ({ code: m.code, label: m.label, autoRenews: m.autoRenews, setupDays: m.setupDays })),
    uncoveredOptions: [],
    coTerm: {
      target: together,
      commonEnd: priced.commonEnd,
      licenses: priced.licenses.map((l) => {
        const row = byId.get(l.licenseId)!;
        return {
          licenseNumberLast: lastGroup(row.number),
          product: row.product,
          productName: names.get(l.licenseId)!,
          thisDevice: row.id === license.id,
          currentEnd: row.termEnd,
          renewal: l.renewal,
          term: l.term,
          months: l.months,
          amountYen: l.subtotalYen,
        };
      }),
    },
  };
  const plan: CoTermPlan = {
    commonEnd: priced.commonEnd,
    items: priced.licenses.map((l) => ({
      licenseId: l.licenseId,
      renewal: l.renewal,
      months: l.months,
      options: inputs.find((i) => i.id === l.licenseId)!.options,
      amountYen: l.subtotalYen,
      currentEnd: byId.get(l.licenseId)!.termEnd,
    })),
  };
  await ctx.quotes.insert(license.id, quote, now.toISOString(), plan);
  return quote;
}
