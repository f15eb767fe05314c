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

export const LicenseResponseSchema = z
  .object({ license: SignedLicenseSchema, serverTime: z.iso.datetime({ offset: true }) })
  .strict();
export type LicenseResponse = z.infer<typeof LicenseResponseSchema>;

export const ErrorBodySchema = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }),
});
