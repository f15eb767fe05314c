import type { Edition } from '../licensing/license-kind';
import type { CatalogProduct, OptionPricing } from './catalog-schema';
import { findEdition } from './product-lookup';

export type RenewalOptionChoice = { code: string; label: string; removable: boolean; pricing: OptionPricing };

export type RenewalChoices = {
  /** Allowed lengths, ascending; empty for a license that is only bought again. */
  months: number[];
  /** The wizard's starting point: the longest length, every option checked (the seed's quote comes first). */
  defaultMonths: number | null;
  options: RenewalOptionChoice[];
  defaultOptions: string[];
};

/** What the renewal wizard (or web page) lets the user choose for this product and edition. */
export function renewalChoices(product: CatalogProduct, edition: Edition): RenewalChoices {
  const { policy } = findEdition(product, edition);
  const months = [...policy.renewalMonths].sort((a, b) => a - b);
  const options = policy.options.map((option) => ({
    code: option.code,
    label: product.options.find((defined) => defined.code === option.code)?.label ?? option.code,
    removable: option.removable,
    pricing: option.pricing,
  }));
  return {
    months,
    defaultMonths: months.at(-1) ?? null,
    options,
    defaultOptions: options.map((option) => option.code),
  };
}
