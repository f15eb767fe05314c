import { z } from 'zod';
import { ERROR_CODES } from '../contracts/error-codes';
import { IsoDate, IsoInstant } from '../contracts/signed-license';

/** What the renderer may know about the license: never the full number nor the device hash. */
export const LicenseViewSchema = z
  .object({
    licenseNumberMasked: z.string(),
    product: z.string(),
    edition: z.enum(['package', 'download']),
    kind: z.enum(['perpetual', 'subscription', 'annual']),
    state: z.enum(['active', 'moved', 'revoked', 'cancelled']),
    trial: z.boolean(),
    termStart: IsoDate,
    termEnd: IsoDate,
    options: z.array(z.object({ code: z.string(), end: IsoDate })),
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
