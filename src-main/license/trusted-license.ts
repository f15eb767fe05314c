import { type KeyObject } from 'node:crypto';
import { type LicensePayload, type SignedLicense } from '../../src-shared/contracts/signed-license';
import { verifySignedLicense, type Verification } from './verify-license';

/** Who this installation is: what a signed license must name to be trusted here, and the key it must verify with. */
export type Installation = { publicKey: KeyObject; deviceNumber: string; productCode: string };

/** Verifies the signature, then that the license was issued for this device and this product. */
export function verifyForInstallation(signed: SignedLicense, installation: Installation): Verification {
  const verified = verifySignedLicense(signed, installation.publicKey);
  if (!verified.ok) return verified;
  if (!isForInstallation(verified.payload, installation)) return { ok: false, reason: 'issued for another installation' };
  return verified;
}

export function isForInstallation(payload: LicensePayload, installation: Installation): boolean {
  return payload.device === installation.deviceNumber && payload.product === installation.productCode;
}
