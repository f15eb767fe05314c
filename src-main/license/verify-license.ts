import crypto from 'node:crypto';
import { canonicalJson } from '../../src-shared/contracts/canonical-json';
import { type LicensePayload, LicensePayloadSchema, type SignedLicense } from '../../src-shared/contracts/signed-license';

export type Verification = { ok: true; payload: LicensePayload } | { ok: false; reason: string };

/**
 * Checks the Ed25519 signature over the exact payload bytes, then that the payload is canonical and well formed.
 * Nothing from a license is trusted unless this says ok.
 */
export function verifySignedLicense(signed: SignedLicense, publicKey: crypto.KeyObject): Verification {
  let valid: boolean;
  try {
    // Stryker disable next-line StringLiteral: Buffer.from(text, '') decodes as UTF-8, the default, exactly like 'utf8'
    valid = crypto.verify(null, Buffer.from(signed.payload, 'utf8'), publicKey, Buffer.from(signed.signature, 'base64'));
  } catch /* Stryker disable next-line BlockStatement: an empty catch leaves `valid` undefined, refused like false */ {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'signature does not verify' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(signed.payload);
  } catch {
    return { ok: false, reason: 'payload is not JSON' };
  }
  const result = LicensePayloadSchema.safeParse(parsed);
  if (!result.success) return { ok: false, reason: 'payload does not match the license schema' };
  if (canonicalJson(result.data) !== signed.payload) return { ok: false, reason: 'payload is not canonical' };
  return { ok: true, payload: result.data };
}

export function loadPublicKey(pem: string): crypto.KeyObject {
  const key = crypto.createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the license verification key must be Ed25519');
  return key;
}
