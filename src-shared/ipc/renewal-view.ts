import { z } from 'zod';
import { PAYMENT_METHOD_CODES } from '../catalog/catalog-schema';
import { ERROR_CODES } from '../contracts/error-codes';
import { CardSchema, CO_TERM_TARGETS, OrderSchema, QuoteSchema } from '../contracts/http';
import { WIZARD_STEPS } from '../renewal/wizard';

export const WizardStateSchema = z
  .object({
    step: z.enum(WIZARD_STEPS),
    months: z.number().int().positive(),
    options: z.array(z.string()),
    // A row stored before renewing together existed has no field: it was a renewal of this license alone.
    together: z.enum(CO_TERM_TARGETS).nullable().default(null),
    quote: QuoteSchema.nullable(),
    passedChoose: z.boolean(),
    method: z.enum(PAYMENT_METHOD_CODES).nullable(),
    idempotencyKey: z.string().min(16).max(128).nullable(),
    order: OrderSchema.nullable(),
  })
  .strict();

/** What the wizard may choose from, from the catalog (removable options only can be unchecked). */
export const RenewalChoicesSchema = z
  .object({
    months: z.array(z.number().int().positive()),
    options: z.array(z.object({ code: z.string(), label: z.string(), removable: z.boolean(), pricing: z.string() }).strict()),
  })
  .strict();

/** Why the wizard cannot go on, with what the screen needs to say more (the opening date, the order…). */
export const RenewalBlockSchema = z
  .object({
    code: z.enum(ERROR_CODES),
    details: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
  })
  .strict();

export const RenewalViewSchema = z
  .object({
    wizard: WizardStateSchema.nullable(),
    choices: RenewalChoicesSchema,
    blocked: RenewalBlockSchema.nullable(),
    /** The customer's e-mail is on file: the transfer instructions were mailed too (the screen says so only then). */
    mailed: z.boolean(),
    /** After the term ended: the last moment a resumption is accepted (seed 003), null while the term runs. */
    resumptionDeadline: z.object({ date: z.string(), cutoff: z.string() }).strict().nullable(),
    /**
     * Renewing the customer's licenses together is offered: the verified license carries the signed `support` field,
     * which the service signs only for a perpetual license of a customer with several licenses in the line.
     */
    coTermOffered: z.boolean(),
    /** The service refused renewing together as chosen (the wizard is back at STEP3): its reason and details. */
    coTermRefusal: z.object({ reason: z.string().nullable(), latestEnd: z.string().nullable() }).strict().nullable(),
  })
  .strict();
export type RenewalView = z.infer<typeof RenewalViewSchema>;

/** What the renderer may ask the wizard to do; the order itself goes through `renewal:pay`. */
export const WizardUserActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('change-quote') }).strict(),
  z
    .object({
      type: z.literal('choose'),
      months: z.number().int().positive(),
      options: z.array(z.string().max(64)).max(20),
      /** Absent or null: this license alone; main refuses a target when renewing together is not offered. */
      together: z.enum(CO_TERM_TARGETS).nullable().optional(),
    })
    .strict(),
  z.object({ type: z.literal('to-method') }).strict(),
  z.object({ type: z.literal('pick-method'), method: z.enum(PAYMENT_METHOD_CODES) }).strict(),
  z.object({ type: z.literal('back-to-quote') }).strict(),
  z.object({ type: z.literal('to-pay') }).strict(),
]);
export type WizardUserAction = z.infer<typeof WizardUserActionSchema>;

export const PayRequestSchema = z.object({ card: CardSchema.optional() }).strict();

export const RegisterRequestSchema = z
  .object({
    registrationNumber: z.string().trim().min(1).max(32),
    installKey: z.string().trim().min(1).max(32),
    name: z.string().trim().min(1).max(100),
    email: z.email().max(254),
  })
  .strict();
