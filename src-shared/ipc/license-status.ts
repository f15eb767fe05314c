import { z } from 'zod';
import { ERROR_CODES } from '../contracts/error-codes';
import { EDITIONS, LICENSE_KINDS } from '../licensing/license-kind';
import { LICENSE_STATES } from '../licensing/launch-codes';
import { IsoDate, IsoInstant } from '../contracts/signed-license';

/** Another license of the customer as the renderer shows it: a masked number (last group only) and its name. */
const OtherLicenseViewSchema = { licenseNumberMasked: z.string(), productName: z.string() };

/** Seed 003: this license's support state among the customer's licenses, from the signed payload. */
export const LicenseSupportViewSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('active') }).strict(),
  z
    .object({
      state: z.literal('suspended'),
      cause: z.object({ ...OtherLicenseViewSchema, endedOn: IsoDate, suspendedFrom: IsoDate }).strict(),
    })
    .strict(),
  z.object({ state: z.literal('ended-continues') }).strict(),
  z
    .object({ state: z.literal('ended-stopped'), cause: z.object({ ...OtherLicenseViewSchema, renewedOn: IsoDate }).strict() })
    .strict(),
]);
export type LicenseSupportView = z.infer<typeof LicenseSupportViewSchema>;

/** What the renderer may know about the license: never the full number nor the device hash. */
export const LicenseViewSchema = z
  .object({
    licenseNumberMasked: z.string(),
    product: z.string(),
    /** From the catalog, e.g. 'さくら会計 Desktop'; the code when the catalog does not know the product. */
    productName: z.string(),
    edition: z.enum(EDITIONS),
    kind: z.enum(LICENSE_KINDS),
    state: z.enum(LICENSE_STATES),
    trial: z.boolean(),
    termStart: IsoDate,
    termEnd: IsoDate,
    options: z.array(z.object({ code: z.string(), label: z.string(), end: IsoDate })),
    /** Whole JST days from today to the term end: 0 on the end date, negative after it. */
    daysRemaining: z.number().int(),
    deviceNumberShort: z.string(),
    issuedAt: IsoInstant,
    lastOnlineCheck: IsoInstant.nullable(),
    /** Absent for a single license (the payload carries no support state). */
    support: LicenseSupportViewSchema.optional(),
  })
  .strict();
export type LicenseView = z.infer<typeof LicenseViewSchema>;

export const LicenseStatusSchema = z
  .object({
    appVersion: z.string(),
    license: LicenseViewSchema.nullable(),
    /** Why the stored license could not be used, if it could not. */
    problem: z.enum(ERROR_CODES).nullable(),
  })
  .strict();
export type LicenseStatus = z.infer<typeof LicenseStatusSchema>;
