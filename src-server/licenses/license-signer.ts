import { canonicalJson } from '../../src-shared/contracts/canonical-json';
import { type LicensePayload, type SignedLicense } from '../../src-shared/contracts/signed-license';
import { signCanonical, type SigningKey } from '../keys/signing-key';
import { type LicenseRow } from './license-repository';

const DAY_MS = 86_400_000;

/** The lease is how long the device may work offline before it must validate again (see docs/decisions.md). */
export function signLicense(key: SigningKey, row: LicenseRow, device: string, now: Date, leaseDays: number): SignedLicense {
  const payload: LicensePayload = {
    v: 1,
    licenseId: row.id,
    licenseNumber: row.number,
    product: row.product,
    edition: row.edition,
    kind: row.kind,
    term: { start: row.termStart, end: row.termEnd },
    options: row.options,
    state: row.state,
    trial: row.trial,
    device,
    issuedAt: now.toISOString(),
    leaseUntil: new Date(now.getTime() + leaseDays * DAY_MS).toISOString(),
  };
  const canonical = canonicalJson(payload);
  return { payload: canonical, signature: signCanonical(key, canonical), keyId: key.keyId };
}
