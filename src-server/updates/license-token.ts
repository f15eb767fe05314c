import { type SignedLicense } from '../../src-shared/contracts/signed-license';

/**
 * The update feed is fetched by electron-updater, which can add request headers but not a body, so the signed
 * license travels as one header value: `<base64url(payload text)>.<signature base64>`. The payload is encoded
 * because the canonical JSON may hold characters a header cannot; the signature is base64 already and has no '.'.
 */
export const LICENSE_TOKEN_HEADER = 'x-license-token';

export type LicenseToken = Pick<SignedLicense, 'payload' | 'signature'>;

const BASE64URL = /^[A-Za-z0-9_-]+$/;
// Ed25519 signatures are 64 bytes: 86 base64 characters and '=='. Same rule as SignedLicenseSchema.
const SIGNATURE = /^[A-Za-z0-9+/]{86}==$/;
// Mirrors SignedLicenseSchema's payload limit, so a token never carries more than a stored license could.
const MAX_PAYLOAD_CHARS = 16_384;

export function encodeLicenseToken(signed: LicenseToken): string {
  return `${Buffer.from(signed.payload, 'utf8').toString('base64url')}.${signed.signature}`;
}

/** The payload text and signature, or null when the header is not a well-formed token (nothing is verified here). */
export function decodeLicenseToken(token: string): LicenseToken | null {
  const parts = token.trim().split('.');
  if (parts.length !== 2) return null;
  const [encodedPayload = '', signature = ''] = parts;
  if (!BASE64URL.test(encodedPayload) || !SIGNATURE.test(signature)) return null;
  const bytes = Buffer.from(encodedPayload, 'base64url');
  // Buffer's decoder skips what it cannot read; a round trip tells a clean encoding from a mangled one.
  if (bytes.toString('base64url') !== encodedPayload) return null;
  let payload: string;
  try {
    payload = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  if (payload.length < 2 || payload.length > MAX_PAYLOAD_CHARS) return null;
  return { payload, signature };
}
