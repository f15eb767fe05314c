import { z } from 'zod';
import { EDITIONS, LICENSE_KINDS } from '../licensing/license-kind';
import { LICENSE_STATES } from '../licensing/launch-codes';

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const IsoInstant = z.iso.datetime({ offset: true });

/**
 * Another license of the same customer, as this license's payload may name it: the last group of its number only
 * (never the full number of a license this device does not hold) and its catalog product code.
 */
const OtherLicenseSchema = {
  /** The last four characters of the other license's number (its check symbol included, legacy symbols allowed). */
  licenseNumberLast: z.string().regex(/^[0-9A-Z*~$=]{4}$/, 'expected the last group of a license number'),
  product: z.string().min(1),
};

/**
 * Seed 003, one customer's several licenses: this license's support state among them (`customerSupportStates` on
 * the service). Absent means the service signed it as a single license, exactly as before the field existed.
 */
export const SignedSupportSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('active') }).strict(),
  z
    .object({
      state: z.literal('suspended'),
      /** The license whose support ended first and was not renewed; this one is suspended from the day after. */
      cause: z.object({ ...OtherLicenseSchema, endedOn: IsoDate, suspendedFrom: IsoDate }).strict(),
    })
    .strict(),
  z.object({ state: z.literal('ended-continues') }).strict(),
  z
    .object({
      state: z.literal('ended-stopped'),
      /** The license renewed after this one's support had ended, without this one. */
      cause: z.object({ ...OtherLicenseSchema, renewedOn: IsoDate }).strict(),
    })
    .strict(),
]);
export type SignedSupport = z.infer<typeof SignedSupportSchema>;

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
    /** Omitted (never null) for a single license: canonical JSON drops undefined, so older payloads verify as before. */
    support: SignedSupportSchema.optional(),
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
