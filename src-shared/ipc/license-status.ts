import { z } from 'zod';
import { ERROR_CODES } from '../contracts/error-codes';
import { EDITIONS, LICENSE_KINDS } from '../licensing/license-kind';
import { LICENSE_STATES } from '../licensing/launch-codes';
import { IsoDate, IsoInstant } from '../contracts/signed-license';

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
