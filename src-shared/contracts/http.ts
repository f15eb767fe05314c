import { z } from 'zod';
import { ERROR_CODES } from './error-codes';
import { SignedLicenseSchema } from './signed-license';

// Request and response bodies of the license service, used by the server to validate what it receives and by
// the desktop app to validate what it is sent.

export const DeviceId = z.string().regex(/^[0-9a-f]{64}$/, 'expected a hashed device number');
export const ProductCode = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'expected a product code');
export const AppVersion = z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, 'expected a semantic version');

export const ActivationRequestSchema = z
  .object({
    licenseNumber: z.string().min(1).max(64),
    product: ProductCode,
    device: DeviceId,
    appVersion: AppVersion,
  })
  .strict();
export type ActivationRequest = z.infer<typeof ActivationRequestSchema>;

/**
 * A renewal placed for the license and not (yet) settled, as the service sees it at validation time. Unsigned and
 * informational: it only chooses a notice (unpaid renewal); nothing about the term is trusted from it.
 */
export const PlacedRenewalSchema = z
  .object({
    orderId: z.string().min(1).max(64),
    state: z.enum(['pending', 'lapsed', 'needs-support']),
    method: z.enum(['card', 'bank-transfer', 'account-transfer']),
    dueOn: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .nullable(),
  })
  .strict();
export type PlacedRenewal = z.infer<typeof PlacedRenewalSchema>;

export const LicenseResponseSchema = z
  .object({
    license: SignedLicenseSchema,
    serverTime: z.iso.datetime({ offset: true }),
    /** Validations only: the latest unsettled or lapsed renewal order of this license, null when there is none. */
    renewal: PlacedRenewalSchema.nullable().optional(),
  })
  .strict();
export type LicenseResponse = z.infer<typeof LicenseResponseSchema>;

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  }),
});

/** The device asks whether its license still holds; the answer is a fresh signed license or a typed refusal. */
export const ValidationRequestSchema = ActivationRequestSchema;
export type ValidationRequest = ActivationRequest;

export const TrialRequestSchema = z
  .object({ product: ProductCode, device: DeviceId, appVersion: AppVersion, termsAccepted: z.literal(true) })
  .strict();
export type TrialRequest = z.infer<typeof TrialRequestSchema>;

const Name = z.string().trim().min(1).max(100);
export const RegistrationRequestSchema = z
  .object({
    product: ProductCode,
    registrationNumber: z.string().trim().min(1).max(32),
    installKey: z.string().trim().min(1).max(32),
    name: Name,
    email: z.email().max(254),
  })
  .strict();
export type RegistrationRequest = z.infer<typeof RegistrationRequestSchema>;

export const RegistrationResponseSchema = z.object({ registered: z.literal(true), licenseNumber: z.string() }).strict();

const LicenseRef = { licenseNumber: z.string().min(1).max(64), device: DeviceId };
const OptionCodes = z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/)).max(20);

/**
 * Seed 003 (「追加購入している場合で異なるサポート期間のライセンスがある場合」): renew the customer's licenses of this
 * product line together, to one end date. `latest-end`: every license to the latest current end (`months` is then
 * not used); `months`: every license to the end the latest-ending one reaches when renewed for `months`.
 */
export const CO_TERM_TARGETS = ['latest-end', 'months'] as const;
export type CoTermTargetCode = (typeof CO_TERM_TARGETS)[number];

export const QuoteRequestSchema = z
  .object({
    ...LicenseRef,
    months: z.number().int().min(1).max(120),
    options: OptionCodes,
    /** Absent: this license alone (as before). Present: all of the customer's licenses of the line together. */
    together: z.enum(CO_TERM_TARGETS).optional(),
  })
  .strict();
export type QuoteRequest = z.infer<typeof QuoteRequestSchema>;

export const PAYMENT_METHODS = ['card', 'bank-transfer', 'account-transfer'] as const;

export const QuoteLineSchema = z.object({
  code: z.string(),
  label: z.string(),
  amountYen: z.number().int(),
  kind: z.enum(['basic', 'option']),
  status: z.enum(['charged', 'included', 'free']),
  months: z.number().int(),
  missingApplications: z.number().int().optional(),
  feeYenTaxIncluded: z.number().int().optional(),
});

const QuoteDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** One license of a co-terming quote. Other licenses are named by the last group of their number only. */
export const CoTermLicenseLineSchema = z
  .object({
    licenseNumberLast: z.string().regex(/^[0-9A-Z*~$=]{4}$/),
    product: ProductCode,
    productName: z.string(),
    /** The license this device holds (the one the quote was asked for). */
    thisDevice: z.boolean(),
    /** Its support's current end, before this renewal. */
    currentEnd: QuoteDate,
    /** none: it already ends on the common end and is not charged. */
    renewal: z.enum(['continuous', 'resumption', 'none']),
    /** The support days this renewal adds (ending on the common end); null when none. */
    term: z.object({ start: QuoteDate, end: QuoteDate }).nullable(),
    /** Whole months charged. */
    months: z.number().int().min(0),
    /** Tax-exclusive amount for this license. */
    amountYen: z.number().int().min(0),
  })
  .strict();
export type CoTermLicenseLine = z.infer<typeof CoTermLicenseLineSchema>;

export const CoTermSchema = z
  .object({
    target: z.enum(CO_TERM_TARGETS),
    commonEnd: QuoteDate,
    licenses: z.array(CoTermLicenseLineSchema).min(2),
  })
  .strict();
export type CoTerm = z.infer<typeof CoTermSchema>;

export const QuoteSchema = z.object({
  id: z.string(),
  planKind: z.enum(['continuous', 'resumption']),
  /** The term this renewal buys if paid today (a resumption paid later starts on its payment date). */
  term: z.object({ start: z.string(), end: z.string() }),
  months: z.number().int(),
  options: z.array(z.string()),
  lines: z.array(QuoteLineSchema),
  subtotalYen: z.number().int(),
  taxYen: z.number().int(),
  totalYen: z.number().int(),
  taxRatePercent: z.number().int(),
  expiresAt: z.string(),
  paymentMethods: z.array(
    z.object({ code: z.enum(PAYMENT_METHODS), label: z.string(), autoRenews: z.boolean(), setupDays: z.number().nullable() }),
  ),
  /** Seed 004: options not covered by applications, with what is missing. */
  uncoveredOptions: z.array(z.object({ option: z.string(), missingApplications: z.number().int(), feeYen: z.number().int() })),
  /**
   * Present on a co-terming quote only: every license it renews. `term`, `planKind` and `months` are then this
   * device's license's (its current term and 'continuous' when it already ends on the common end), `lines` are every
   * license's lines, and the totals are the whole quote's (tax once on the whole, SPEC §7).
   */
  coTerm: CoTermSchema.optional(),
});
export type Quote = z.infer<typeof QuoteSchema>;
export const QuoteResponseSchema = z.object({ quote: QuoteSchema, serverTime: z.string() }).strict();
export type QuoteResponse = z.infer<typeof QuoteResponseSchema>;

export const CardSchema = z
  .object({
    number: z.string().regex(/^[0-9 ]{12,23}$/, 'card number digits'),
    expiry: z.string().regex(/^(0[1-9]|1[0-2])\/\d{2}$/, 'MM/YY'),
  })
  .strict();

export const OrderStatusQuerySchema = z.object(LicenseRef).strict();

export const OrderRequestSchema = z
  .object({ ...LicenseRef, quoteId: z.string().min(1).max(64), method: z.enum(PAYMENT_METHODS), card: CardSchema.optional() })
  .strict();
export type OrderRequest = z.infer<typeof OrderRequestSchema>;

export const TransferInstructionsSchema = z.object({
  bankName: z.string(),
  branchName: z.string(),
  accountType: z.string(),
  accountNumber: z.string(),
  accountHolder: z.string(),
  reference: z.string(),
  amountYen: z.number().int(),
  dueOn: z.string(),
});

export const ORDER_STATES = ['pending', 'paid', 'declined', 'lapsed', 'needs-support'] as const;
export const OrderSchema = z.object({
  id: z.string(),
  state: z.enum(ORDER_STATES),
  method: z.enum(PAYMENT_METHODS),
  amountYen: z.number().int(),
  term: z.object({ start: z.string(), end: z.string() }).nullable(),
  dueOn: z.string().nullable(),
  transfer: TransferInstructionsSchema.nullable(),
  autoRenew: z.boolean(),
  /** The transfer instructions were also mailed (the customer has an address on file); absent from older services. */
  instructionsMailed: z.boolean().optional(),
});
export type Order = z.infer<typeof OrderSchema>;
export const OrderResponseSchema = z
  .object({ order: OrderSchema, license: SignedLicenseSchema.nullable(), serverTime: z.string() })
  .strict();
export type OrderResponse = z.infer<typeof OrderResponseSchema>;

/** GET /v1/orders/:id: the order as the service sees it now. */
export const OrderStatusResponseSchema = z.object({ order: OrderSchema, serverTime: z.string() }).strict();
export type OrderStatusResponse = z.infer<typeof OrderStatusResponseSchema>;

/** GET /v1/health. */
export const HealthResponseSchema = z.object({ ok: z.literal(true), serverTime: z.string(), demo: z.boolean() }).strict();

/** POST /renew/order: the renewal web page's form (application/x-www-form-urlencoded), card fields as typed. */
export const RenewalPageOrderFormSchema = z.object({
  license: z.string().min(1).max(64),
  quoteId: z.string().min(1).max(64),
  idempotencyKey: z.string().min(8).max(128),
  method: z.enum(PAYMENT_METHODS),
  cardNumber: z.string().max(32).optional(),
  cardExpiry: z.string().max(8).optional(),
});
