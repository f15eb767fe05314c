import { z } from 'zod';
import { LICENSE_KINDS } from '../licensing/license-kind';
import { REMINDER_NOTICE_CODES } from '../licensing/launch-codes';
import { TERM_BASES, isClosureDay } from '../licensing/term-rules';

export const PAYMENT_METHOD_CODES = ['card', 'bank-transfer', 'account-transfer'] as const;
export const OPTION_PRICINGS = ['priced', 'included', 'coverage'] as const;
export const EXPIRY_BEHAVIOURS = ['banner', 'block'] as const;

const code = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case code like "sakura-kaikei"');
const text = z.string().trim().min(1, 'must not be empty');
const wholeNumber = (what: string) => z.number().int(`${what} must be a whole number`);
const positive = (what: string) => wholeNumber(what).positive(`${what} must be a positive whole number`);
const nonNegative = (what: string) => wholeNumber(what).nonnegative(`${what} must not be negative`);
const clockTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, "must be a time 'HH:MM'");

const pricePointSchema = z.strictObject({
  months: positive('a term length in months'),
  /** Tax-exclusive yen. */
  yen: nonNegative('a price in yen'),
});

const policyOptionSchema = z.strictObject({
  code,
  removable: z.boolean(),
  /** priced: catalog price per length; included: part of the basic price; coverage: seed 004 application rule. */
  pricing: z.enum(OPTION_PRICINGS),
});

const coverageRuleSchema = z.strictObject({
  freeMonthsAfterInstall: positive('freeMonthsAfterInstall'),
  allOptionsFreeFrom: nonNegative('allOptionsFreeFrom'),
  oneOptionFreeFrom: nonNegative('oneOptionFreeFrom'),
  basicApplicationsPerLicense: nonNegative('basicApplicationsPerLicense'),
  applicationsPerOption: positive('applicationsPerOption'),
  feePerMissingApplicationYen: nonNegative('feePerMissingApplicationYen'),
});

export const policySchema = z.strictObject({
  termBasis: z.enum(TERM_BASES),
  renewalMonths: z.array(positive('a renewal length in months')),
  renewalWindowMonths: positive('renewalWindowMonths'),
  expiry: z.enum(EXPIRY_BEHAVIOURS),
  resumptionYears: positive('resumptionYears').nullable(),
  trialDays: positive('trialDays').nullable(),
  offlineWarningDays: nonNegative('offlineWarningDays'),
  reminders: z.array(z.enum(REMINDER_NOTICE_CODES)),
  licenseKind: z.enum(LICENSE_KINDS),
  /** The service extends the term by itself while the device is online (seed 001). */
  onlineExtension: z.boolean(),
  options: z.array(policyOptionSchema),
  optionCoverage: coverageRuleSchema.nullable(),
  paymentMethods: z.array(z.enum(PAYMENT_METHOD_CODES)).min(1, 'at least one payment method'),
  cutoffHour: wholeNumber('cutoffHour').min(0, 'cutoffHour must be 0–23').max(23, 'cutoffHour must be 0–23'),
  supportContact: code,
  /** Path on the license service's web origin, e.g. '/renew/sakura-kaikei'. */
  renewalWebPage: z
    .string()
    .regex(/^\/[A-Za-z0-9\-._~/]*$/, "must be a path starting with '/'")
    .nullable(),
});

const editionSchema = z.strictObject({
  label: text,
  /** What the basic renewal is called on a quote, e.g. '基本使用サービス'. */
  serviceLabel: text,
  policy: policySchema,
  prices: z.strictObject({
    basic: z.array(pricePointSchema),
    options: z.record(z.string(), z.array(pricePointSchema)),
  }),
});

const productSchema = z.strictObject({
  code,
  name: text,
  /** Products of one line share branding and support; variants differ only by data. */
  line: code,
  options: z.array(z.strictObject({ code, label: text })),
  /** Where a new license is bought (after the resumption limit, or an annual license's end). */
  purchaseUrl: z.url({ protocol: /^https$/, message: 'must be an https URL' }).optional(),
  editions: z
    .strictObject({ package: editionSchema.optional(), download: editionSchema.optional() })
    .refine((editions) => editions.package !== undefined || editions.download !== undefined, {
      message: 'a product needs at least one edition (package or download)',
    }),
});

const supportContactSchema = z.strictObject({
  code,
  webFormUrl: z.url({ protocol: /^https$/, message: 'must be an https URL' }),
  phone: z.string().regex(/^0\d{1,4}-\d{1,4}-\d{3,4}$/, "must be a Japanese phone number like '050-1234-5678'"),
  /** Phone hours, JST, on business days only. */
  phoneHours: z.array(z.strictObject({ from: clockTime, to: clockTime })).min(1, 'at least one phone-hours range'),
  /** Seed 002: individual investigation may be charged for when the cause is not a bug; the support view says so. */
  paidIndividualSupport: z.boolean().optional(),
});

const paymentMethodSchema = z.strictObject({
  code: z.enum(PAYMENT_METHOD_CODES),
  label: text,
  /** immediate: settled during checkout; vendor-confirmed: paid outside, confirmed by the vendor; bank-debit: direct debit. */
  confirmation: z.enum(['immediate', 'vendor-confirmed', 'bank-debit']),
  /** Only account transfer renews the next term by itself (seed 000). */
  autoRenews: z.boolean(),
  /** Days the method needs before the first payment can be taken (account transfer registration). */
  setupDays: nonNegative('setupDays').nullable(),
  /** Days after ordering within which payment must be confirmed, else the unpaid order lapses. */
  unpaidOrderDueDays: positive('unpaidOrderDueDays').nullable(),
});

export const catalogShapeSchema = z.strictObject({
  schemaVersion: z.literal(1),
  vendor: z.strictObject({ name: text }),
  taxRatePercent: wholeNumber('taxRatePercent').min(0).max(100),
  /** Vendor closure days 'MM-DD', every year. */
  closures: z.array(z.string().refine(isClosureDay, "must be a day 'MM-DD'")),
  supportContacts: z.array(supportContactSchema).min(1, 'at least one support contact'),
  paymentMethods: z.array(paymentMethodSchema).min(1, 'at least one payment method'),
  products: z.array(productSchema).min(1, 'at least one product'),
});

export type Catalog = z.output<typeof catalogShapeSchema>;
export type CatalogProduct = Catalog['products'][number];
export type CatalogEdition = NonNullable<CatalogProduct['editions']['package']>;
export type CatalogPolicy = CatalogEdition['policy'];
export type CatalogPolicyOption = CatalogPolicy['options'][number];
export type CatalogOptionCoverageRule = NonNullable<CatalogPolicy['optionCoverage']>;
export type CatalogPricePoint = CatalogEdition['prices']['basic'][number];
export type SupportContact = Catalog['supportContacts'][number];
export type PaymentMethod = Catalog['paymentMethods'][number];
export type PaymentMethodCode = (typeof PAYMENT_METHOD_CODES)[number];
export type OptionPricing = (typeof OPTION_PRICINGS)[number];
