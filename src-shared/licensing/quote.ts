import type { CatalogPricePoint, CatalogProduct } from '../catalog/catalog-schema';
import { findEdition } from '../catalog/product-lookup';
import type { Edition } from './license-kind';
import { LicensingError } from './licensing-error';
import type { OptionCoverage } from './option-coverage';
import { assertMonths } from './term-rules';

export const DEFAULT_TAX_RATE_PERCENT = 10;

export type QuoteLineStatus = 'charged' | 'included' | 'free';

export type QuoteLine = {
  /** 'basic' or 'option:<option code>'. */
  code: string;
  /** Japanese, from the catalog. */
  label: string;
  /** Tax-exclusive yen. */
  amountYen: number;
  kind: 'basic' | 'option';
  /** included: part of the basic price (download edition); free: covered by the seed-004 rule. */
  status: QuoteLineStatus;
  months: number;
  /** Set on an option charged for missing applications; its fee (tax included) is `feeYenTaxIncluded`. */
  missingApplications?: number;
  feeYenTaxIncluded?: number;
};

export type RenewalQuote = {
  lines: QuoteLine[];
  subtotalYen: number;
  taxYen: number;
  totalYen: number;
  taxRatePercent: number;
  productCode: string;
  edition: Edition;
  months: number;
};

export type QuoteInput = {
  /** The catalog product object (from findProduct), not its code. */
  product: CatalogProduct;
  edition: Edition;
  months: number;
  /** Options the customer keeps (checked in the wizard). */
  options: string[];
  /** optionCoverage() for the same options; required when the policy uses the seed-004 rule. */
  coverage?: OptionCoverage;
  taxRatePercent?: number;
};

function priceFor(prices: readonly CatalogPricePoint[] | undefined, months: number, what: string): number {
  const price = prices?.find((candidate) => candidate.months === months);
  // parseCatalog guarantees a price for every allowed length; a hand-built product that lacks one is a bug.
  if (price === undefined) throw new Error(`catalog has no ${months}-month price for ${what}`);
  return price.yen;
}

/**
 * A renewal quote: tax-exclusive lines, consumption tax computed once on the subtotal and rounded down.
 * A seed-004 fee for missing applications is a tax-included price; it enters as its tax-exclusive equivalent
 * (¥5,500 → ¥5,000 at 10 %) so that total = subtotal + tax still holds and the customer pays the stated ¥5,500.
 */
export function quoteRenewal(input: QuoteInput): RenewalQuote {
  const { product, months } = input;
  const edition = findEdition(product, input.edition);
  const { policy } = edition;
  const taxRatePercent = input.taxRatePercent ?? DEFAULT_TAX_RATE_PERCENT;
  if (!Number.isInteger(taxRatePercent) || taxRatePercent < 0 || taxRatePercent > 100) {
    throw new LicensingError('invalid-tax-rate', `tax rate must be a whole percentage 0–100: ${taxRatePercent}`);
  }
  if (policy.licenseKind === 'annual') {
    throw new LicensingError('renewal-not-offered', `${product.code} is an annual license; buy it again instead`, {
      product: product.code,
    });
  }
  assertMonths(months);
  if (!policy.renewalMonths.includes(months)) {
    throw new LicensingError('months-not-allowed', `${months} months is not offered for ${product.code} (${input.edition})`, {
      months,
      allowed: policy.renewalMonths.join(','),
    });
  }

  const wanted = new Set<string>();
  for (const option of input.options) {
    if (wanted.has(option)) throw new LicensingError('duplicate-option', `option listed twice: ${option}`, { option });
    if (!policy.options.some((candidate) => candidate.code === option)) {
      throw new LicensingError('unknown-option', `${product.code} (${input.edition}) has no option "${option}"`, { option });
    }
    wanted.add(option);
  }
  for (const option of policy.options) {
    if (!option.removable && !wanted.has(option.code)) {
      throw new LicensingError('option-not-removable', `option "${option.code}" cannot be removed`, { option: option.code });
    }
  }

  const coverage = input.coverage;
  if (policy.optionCoverage !== null && coverage === undefined) {
    throw new LicensingError('coverage-required', `${product.code} needs the application counts (optionCoverage) to quote`);
  }
  if (coverage !== undefined) {
    const wantedCoverage = policy.options.filter((option) => option.pricing === 'coverage' && wanted.has(option.code));
    const covered = [...coverage.free, ...coverage.charged.map((charge) => charge.option)];
    const matches = covered.length === wantedCoverage.length && wantedCoverage.every((option) => covered.includes(option.code));
    if (!matches) {
      throw new LicensingError('coverage-mismatch', 'the coverage was computed for other options than the ones quoted');
    }
  }

  // Stryker disable next-line OptionalChaining: with optionCoverage set, a missing coverage was refused above.
  const basicFree = policy.optionCoverage !== null && coverage?.basicCovered === true;
  const lines: QuoteLine[] = [
    {
      code: 'basic',
      label: `${edition.serviceLabel}（${months}ヶ月）`,
      amountYen: basicFree ? 0 : priceFor(edition.prices.basic, months, 'the basic renewal'),
      kind: 'basic',
      status: basicFree ? 'free' : 'charged',
      months,
    },
  ];

  for (const option of policy.options) {
    if (!wanted.has(option.code)) continue;
    const line = {
      code: `option:${option.code}`,
      // Stryker disable next-line OptionalChaining: parseCatalog refuses a policy option the product does not define.
      label: product.options.find((defined) => defined.code === option.code)?.label ?? option.code,
      kind: 'option' as const,
      months,
    };
    if (option.pricing === 'included') {
      lines.push({ ...line, amountYen: 0, status: 'included' });
    } else if (option.pricing === 'priced') {
      lines.push({ ...line, amountYen: priceFor(edition.prices.options[option.code], months, option.code), status: 'charged' });
    } else {
      // Stryker disable next-line OptionalChaining: parseCatalog allows coverage pricing only with optionCoverage, which requires coverage above.
      const charge = coverage?.charged.find((candidate) => candidate.option === option.code);
      if (charge === undefined) {
        lines.push({ ...line, amountYen: 0, status: 'free' });
      } else {
        lines.push({
          ...line,
          amountYen: Math.round((charge.feeYen * 100) / (100 + taxRatePercent)),
          status: 'charged',
          missingApplications: charge.missingApplications,
          feeYenTaxIncluded: charge.feeYen,
        });
      }
    }
  }

  const subtotalYen = lines.reduce((sum, line) => sum + line.amountYen, 0);
  const taxYen = consumptionTaxYen(subtotalYen, taxRatePercent);
  return {
    lines,
    subtotalYen,
    taxYen,
    totalYen: subtotalYen + taxYen,
    taxRatePercent,
    productCode: product.code,
    edition: input.edition,
    months,
  };
}

/** SPEC §7: consumption tax once on the whole tax-exclusive subtotal, rounded down to the yen. */
export function consumptionTaxYen(subtotalYen: number, taxRatePercent: number): number {
  return Math.floor((subtotalYen * taxRatePercent) / 100);
}
