import { canonicalJson } from '../../src-shared/contracts/canonical-json';
import { type LicensePayload, type SignedLicense, type SignedSupport } from '../../src-shared/contracts/signed-license';
import { signCanonical, signCanonicalAsync, type SigningKey } from '../keys/signing-key';
import { type LicenseRow } from './license-repository';

const DAY_MS = 86_400_000;

/**
 * The lease is how long the device may work offline before it must validate again (see docs/decisions.md).
 * `support` (seed 003, several licenses of one customer) is left out when undefined, so a single license's payload
 * is exactly what it was before the field existed.
 */
export function licensePayload(
  row: LicenseRow,
  device: string,
  now: Date,
  leaseDays: number,
  support?: SignedSupport,
): LicensePayload {
  return {
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
    ...(support ? { support } : {}),
  };
}

const text = JSON.stringify;

/**
 * canonicalJson(payload) written straight, field by field in canonical (code-unit) key order: the generic writer
 * sorts every object's keys on every call, a fifth of a validation's own work besides the signature. Only the
 * nested `support` goes through canonicalJson. A test holds both writers equal on arbitrary payloads and holds this
 * key list to the payload schema's, so a field added to the schema cannot be left out of the signature silently.
 */
export function canonicalLicensePayload(payload: LicensePayload): string {
  let options = '';
  for (const option of payload.options) options += `${options ? ',' : ''}{"code":${text(option.code)},"end":${text(option.end)}}`;
  const support = payload.support === undefined ? '' : `"support":${canonicalJson(payload.support)},`;
  return (
    `{"device":${text(payload.device)},"edition":${text(payload.edition)},"issuedAt":${text(payload.issuedAt)},` +
    `"kind":${text(payload.kind)},"leaseUntil":${text(payload.leaseUntil)},"licenseId":${text(payload.licenseId)},` +
    `"licenseNumber":${text(payload.licenseNumber)},"options":[${options}],"product":${text(payload.product)},` +
    `"state":${text(payload.state)},${support}"term":{"end":${text(payload.term.end)},"start":${text(payload.term.start)}},` +
    `"trial":${payload.trial ? 'true' : 'false'},"v":${text(payload.v)}}`
  );
}

export function signLicense(
  key: SigningKey,
  row: LicenseRow,
  device: string,
  now: Date,
  leaseDays: number,
  support?: SignedSupport,
): SignedLicense {
  const canonical = canonicalLicensePayload(licensePayload(row, device, now, leaseDays, support));
  return { payload: canonical, signature: signCanonical(key, canonical), keyId: key.keyId };
}

/** signLicense off the event loop: for the hot validation path. */
export async function signLicenseAsync(
  key: SigningKey,
  row: LicenseRow,
  device: string,
  now: Date,
  leaseDays: number,
  support?: SignedSupport,
): Promise<SignedLicense> {
  const canonical = canonicalLicensePayload(licensePayload(row, device, now, leaseDays, support));
  return { payload: canonical, signature: await signCanonicalAsync(key, canonical), keyId: key.keyId };
}
