import type { Catalog } from '../catalog/catalog-schema';
import { termRulesFor } from '../catalog/policy-rules';
import { findEdition, findProduct } from '../catalog/product-lookup';
import { type CalendarDate, parseDate } from './calendar-date';
import { type Instant, jstDateOf } from './jst';
import { type Edition, isRenewable } from './license-kind';
import { LicensingError } from './licensing-error';
import type { OptionCoverage } from './option-coverage';
import { consumptionTaxYen, type QuoteLine, quoteRenewal } from './quote';
import { isPastResumptionDeadline, resumptionDeadline } from './resumption-deadline';
import { type Term, continuousRenewalTerm, resumptionTerm } from './term';
import { type TermRules, assertMonths } from './term-rules';

/**
 * Seed 003: 「追加購入している場合で異なるサポート期間のライセンスがある場合」 — licenses bought at different times are
 * renewed together to one common end date. Interpretations: docs/decisions.md ("Several licenses of one customer").
 */
export type CoTermTarget = { kind: 'latest-end' } | { kind: 'months'; months: number };

export type CoTermLicenseInput = {
  id: string;
  productCode: string;
  edition: Edition;
  /** The current support term (inclusive JST dates). */
  term: Term;
  /** Options the customer keeps, as in quoteRenewal. */
  options: string[];
  /** optionCoverage() for the same options when the policy uses the seed-004 rule. */
  coverage?: OptionCoverage;
};

export type CoTermInput = {
  catalog: Catalog;
  licenses: readonly CoTermLicenseInput[];
  now: Instant;
  /** Default: the latest current end. */
  target?: CoTermTarget;
  /** Default: the catalog's rate. */
  taxRatePercent?: number;
};

export type CoTermLicenseQuote = {
  licenseId: string;
  productCode: string;
  edition: Edition;
  /** none: the license already ends on the common end date and is not charged. */
  renewal: 'continuous' | 'resumption' | 'none';
  /** The support days this renewal adds, ending on the common end date; null when nothing is added. */
  term: Term | null;
  /** Whole months charged: the fewest months whose term reaches the common end date. */
  months: number;
  /** Where `months` months would have run; the license never gets a day after it (≥ the common end). */
  paidThrough: CalendarDate | null;
  /** Tax-exclusive lines: the catalog's price when it sells `months`, else the monthly share of `monthBasis`'s. */
  lines: QuoteLine[];
  /** The catalog's longest renewal length, whose price the monthly rate is taken from. */
  monthBasis: number;
  subtotalYen: number;
};

export type CoTermQuote = {
  commonEnd: CalendarDate;
  target: CoTermTarget;
  /** JST date of `now`: the payment date the quote assumes. */
  quotedOn: CalendarDate;
  licenses: CoTermLicenseQuote[];
  subtotalYen: number;
  taxYen: number;
  totalYen: number;
  taxRatePercent: number;
};

type Prepared = CoTermLicenseInput & { rules: TermRules; allowedMonths: number[] };

function prepare(catalog: Catalog, license: CoTermLicenseInput, now: Instant): Prepared {
  const product = findProduct(catalog, license.productCode);
  const { policy } = findEdition(product, license.edition);
  if (!isRenewable(policy.licenseKind)) {
    throw new LicensingError('renewal-not-offered', `${product.code} is an annual license; buy it again instead`, {
      product: product.code,
    });
  }
  const rules = termRulesFor(catalog, license.productCode, license.edition);
  // Checked before any comparison: a malformed date would otherwise order as a string and never be reached.
  parseDate(license.term.start);
  parseDate(license.term.end);
  if (license.term.start > license.term.end) {
    throw new LicensingError('invalid-date', `license ${license.id}: term starts after it ends`, {
      value: `${license.term.start}..${license.term.end}`,
    });
  }
  if (jstDateOf(now) > license.term.end && isPastResumptionDeadline(rules, license.term.end, now)) {
    // Stryker disable next-line OptionalChaining: isPastResumptionDeadline is true only when there is a deadline.
    const deadline = resumptionDeadline(rules, license.term.end)?.cutoff ?? '';
    throw new LicensingError('resumption-period-over', `license ${license.id}: resumption closed at ${deadline}`, {
      deadline,
    });
  }
  return { ...license, rules, allowedMonths: [...policy.renewalMonths] };
}

/** The term `months` months buy for this license paid on `today`: continuous while it runs, else a resumption. */
function renewalTerm(license: Prepared, today: CalendarDate, months: number): Term {
  return today <= license.term.end
    ? continuousRenewalTerm(license.rules, license.term.end, months)
    : resumptionTerm(license.rules, today, months);
}

function commonEndFor(licenses: readonly Prepared[], today: CalendarDate, target: CoTermTarget): CalendarDate {
  const latest = licenses.reduce((best, license) => (license.term.end > best.term.end ? license : best));
  if (target.kind === 'latest-end') {
    if (latest.term.end < today) {
      throw new LicensingError('renewal-not-offered', 'every license has ended; choose a length to renew them to', {
        latestEnd: latest.term.end,
      });
    }
    return latest.term.end;
  }
  assertMonths(target.months);
  for (const license of licenses) {
    if (!license.allowedMonths.includes(target.months)) {
      throw new LicensingError('months-not-allowed', `${target.months} months is not offered for ${license.productCode}`, {
        months: target.months,
        allowed: license.allowedMonths.join(','),
      });
    }
  }
  return renewalTerm(latest, today, target.months).end;
}

/** The fewest whole months whose term reaches `commonEnd` (one month is at least 28 days, so this ends). */
function monthsToReach(license: Prepared, today: CalendarDate, commonEnd: CalendarDate): { months: number; term: Term } {
  let months = 1;
  let term = renewalTerm(license, today, months);
  while (term.end < commonEnd) {
    months += 1;
    term = renewalTerm(license, today, months);
  }
  return { months, term };
}

/** Any length the catalog does not sell is the monthly share of the basis length's lines (月割り), rounded down. */
function prorated(basisLines: readonly QuoteLine[], months: number, monthBasis: number, serviceLabel: string): QuoteLine[] {
  return basisLines.map((line) => ({
    ...line,
    label: line.kind === 'basic' ? `${serviceLabel}（${months}ヶ月）` : line.label,
    months,
    // A seed-004 fee for missing applications is charged per renewal, not per month.
    amountYen: line.feeYenTaxIncluded === undefined ? Math.floor((line.amountYen * months) / monthBasis) : line.amountYen,
  }));
}

function quoteOne(
  catalog: Catalog,
  license: Prepared,
  today: CalendarDate,
  commonEnd: CalendarDate,
  taxRatePercent: number,
): CoTermLicenseQuote {
  const product = findProduct(catalog, license.productCode);
  const monthBasis = Math.max(...license.allowedMonths);
  const common = { licenseId: license.id, productCode: license.productCode, edition: license.edition, monthBasis };
  // The catalog quote checks the options, their removability and the seed-004 coverage, and prices them.
  const quote = (months: number) =>
    quoteRenewal({
      product,
      edition: license.edition,
      months,
      options: license.options,
      ...(license.coverage === undefined ? {} : { coverage: license.coverage }),
      taxRatePercent,
    });
  if (license.term.end >= commonEnd) {
    quote(monthBasis);
    return { ...common, renewal: 'none', term: null, months: 0, paidThrough: null, lines: [], subtotalYen: 0 };
  }
  const { months, term: paid } = monthsToReach(license, today, commonEnd);
  // A length the catalog sells costs exactly what the catalog says.
  const lines = license.allowedMonths.includes(months)
    ? quote(months).lines
    : prorated(quote(monthBasis).lines, months, monthBasis, findEdition(product, license.edition).serviceLabel);
  return {
    ...common,
    renewal: today <= license.term.end ? 'continuous' : 'resumption',
    term: { start: paid.start, end: commonEnd },
    months,
    paidThrough: paid.end,
    lines,
    subtotalYen: lines.reduce((sum, line) => sum + line.amountYen, 0),
  };
}

/**
 * Renews several licenses at once to one common end date, each charged whole months on its catalog's month basis,
 * consumption tax once on the total (SPEC §7). No license is given a day it did not pay for: it is charged the fewest
 * months that reach the common end, and the days those months buy past it are not granted. The renewal window does
 * not apply (aligning terms means renewing some licenses early); the resumption limit does.
 */
export function quoteCoTermRenewal(input: CoTermInput): CoTermQuote {
  const { catalog, now } = input;
  const target = input.target ?? { kind: 'latest-end' };
  const taxRatePercent = input.taxRatePercent ?? catalog.taxRatePercent;
  if (input.licenses.length === 0) throw new Error('a co-terming quote needs at least one license');
  const ids = new Set(input.licenses.map((license) => license.id));
  if (ids.size !== input.licenses.length) throw new Error('a license is listed twice in the co-terming quote');
  const today = jstDateOf(now);
  const licenses = input.licenses.map((license) => prepare(catalog, license, now));
  const bases = new Set(licenses.map((license) => license.rules.basis));
  if (bases.size > 1) {
    throw new LicensingError('invalid-term-rules', 'licenses counted on different term bases cannot share one end date');
  }
  const commonEnd = commonEndFor(licenses, today, target);
  const quoted = licenses.map((license) => quoteOne(catalog, license, today, commonEnd, taxRatePercent));
  const subtotalYen = quoted.reduce((sum, license) => sum + license.subtotalYen, 0);
  const taxYen = consumptionTaxYen(subtotalYen, taxRatePercent);
  return {
    commonEnd,
    target,
    quotedOn: today,
    licenses: quoted,
    subtotalYen,
    taxYen,
    totalYen: subtotalYen + taxYen,
    taxRatePercent,
  };
}
