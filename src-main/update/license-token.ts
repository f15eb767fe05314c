import { type SignedLicense } from '../../src-shared/contracts/signed-license';

/**
 * The header the license service's update feed reads the signed license from, and its format:
 * `<base64url(payload text)>.<signature base64>`. electron-updater can add headers but no body, so the whole signed
 * license travels in one header value; the payload is encoded because its JSON may hold characters a header cannot.
 * This mirrors src-server/updates/license-token.ts (the layers may not import each other).
 */
export const LICENSE_TOKEN_HEADER = 'x-license-token';

export function encodeLicenseToken(signed: Pick<SignedLicense, 'payload' | 'signature'>): string {
  return `${Buffer.from(signed.payload, 'utf8').toString('base64url')}.${signed.signature}`;
}
