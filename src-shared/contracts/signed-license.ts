import { z } from 'zod';
import { EDITIONS, LICENSE_KINDS } from '../licensing/license-kind';
import { LICENSE_STATES } from '../licensing/launch-codes';

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const IsoInstant = z.iso.datetime({ offset: true });

/** What the vendor signs. The desktop app trusts only fields read from a payload whose signature verified. */
export const LicensePayloadSchema = z
  .object({
    v: z.literal(1),
    licenseId: z.string().min(1),
    licenseNumber: z.string().min(1),
    product: z.string().min(1),
    edition: z.enum(EDITIONS),
    kind: z.enum(LICENSE_KINDS),
    term: z.object({ start: IsoDate, end: IsoDate }).strict(),
    options: z.array(z.object({ code: z.string().min(1), end: IsoDate }).strict()),
    state: z.enum(LICENSE_STATES),
    trial: z.boolean(),
    device: z.string().regex(/^[0-9a-f]{64}$/, 'expected a hashed device number'),
    issuedAt: IsoInstant,
    leaseUntil: IsoInstant,
  })
  .strict();
export type LicensePayload = z.infer<typeof LicensePayloadSchema>;

/** `payload` is the canonical JSON text that was signed; `signature` is Ed25519 over its UTF-8 bytes, base64. */
export const SignedLicenseSchema = z
  .object({
    payload: z.string().min(2).max(16_384),
    signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'expected a base64 Ed25519 signature'),
    keyId: z.string().min(1).max(64),
  })
  .strict();
export type SignedLicense = z.infer<typeof SignedLicenseSchema>;
