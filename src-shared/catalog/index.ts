// Catalog: schema, validation and pure lookups. The Node layers read resources/catalog/catalog.json and pass the
// parsed JSON to parseCatalog; nothing here touches the disk.
export { CATALOG_ERROR_CODES, CatalogError, formatCatalogPath } from './catalog-error';
export type { CatalogErrorCode, CatalogIssue } from './catalog-error';
export { EXPIRY_BEHAVIOURS, OPTION_PRICINGS, PAYMENT_METHOD_CODES, catalogShapeSchema } from './catalog-schema';
export type {
  Catalog,
  CatalogEdition,
  CatalogOptionCoverageRule,
  CatalogPolicy,
  CatalogPolicyOption,
  CatalogPricePoint,
  CatalogProduct,
  OptionPricing,
  PaymentMethod,
  PaymentMethodCode,
  SupportContact,
} from './catalog-schema';
export { parseCatalog } from './parse-catalog';
export { editionsOf, findEdition, findProduct } from './product-lookup';
export { launchPolicyFor, optionCoverageRuleFor, paymentMethodsFor, supportContactFor, termRulesFor } from './policy-rules';
export { renewalChoices } from './renewal-choices';
export type { RenewalChoices, RenewalOptionChoice } from './renewal-choices';
export { isSupportPhoneOpen } from './support-hours';
