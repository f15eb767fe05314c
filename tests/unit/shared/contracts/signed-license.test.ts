import { describe, expect, it } from 'vitest';
import {
  IsoDate,
  IsoInstant,
  LicensePayloadSchema,
  SignedLicenseSchema,
  type LicensePayload,
} from '../../../../src-shared/contracts/signed-license';

const DEVICE = 'c6c1e01c4d9d'.padEnd(64, '0');

const payload: LicensePayload = {
  v: 1,
  licenseId: 'lic_1',
  licenseNumber: '7KQ2-M9XD-4TBA-HR3Y',
  product: 'accounting',
  edition: 'package',
  kind: 'perpetual',
  term: { start: '2026-04-01', end: '2027-03-31' },
  options: [{ code: 'payroll', end: '2027-03-31' }],
  state: 'active',
  trial: false,
  device: DEVICE,
  issuedAt: '2026-04-01T01:00:00Z',
  leaseUntil: '2026-04-15T01:00:00+09:00',
};

const accepts = (changes: Record<string, unknown>) => LicensePayloadSchema.safeParse({ ...payload, ...changes }).success;

describe('the signed license payload', () => {
  it('accepts what the service signs', () => {
    expect(LicensePayloadSchema.parse(payload)).toEqual(payload);
    expect(accepts({ options: [], edition: 'download', kind: 'annual', state: 'moved', trial: true })).toBe(true);
  });

  // A device is the SHA-256 of the machine id, 64 lower-case hex digits. Anything shorter or longer is not a
  // device number this app computes, so a payload carrying one must never be trusted as "issued for this device".
  it('carries exactly a 64-hex-digit hashed device number', () => {
    expect(accepts({ device: 'f'.repeat(64) })).toBe(true);
    expect(accepts({ device: DEVICE.slice(1) })).toBe(false);
    expect(accepts({ device: `${DEVICE}0` })).toBe(false);
    expect(accepts({ device: DEVICE.slice(0, 12) })).toBe(false);
    expect(accepts({ device: DEVICE.repeat(2) })).toBe(false);
    expect(accepts({ device: DEVICE.toUpperCase().replace(/0/g, 'A') })).toBe(false);
    expect(accepts({ device: `${DEVICE.slice(0, 63)}g` })).toBe(false);
    expect(accepts({ device: ` ${DEVICE.slice(1)}` })).toBe(false);
    expect(accepts({ device: `${DEVICE.slice(1)}\n` })).toBe(false);
    expect(accepts({ device: '' })).toBe(false);
  });

  it('refuses unknown versions, fields, editions, kinds and states', () => {
    expect(accepts({ v: 2 })).toBe(false);
    expect(accepts({ extra: true })).toBe(false);
    expect(accepts({ edition: 'cloud' })).toBe(false);
    expect(accepts({ kind: 'lifetime' })).toBe(false);
    expect(accepts({ state: 'suspended' })).toBe(false);
    expect(accepts({ term: { ...payload.term, extra: 1 } })).toBe(false);
    expect(accepts({ options: [{ code: 'payroll', end: '2027-03-31', extra: 1 }] })).toBe(false);
  });

  it('refuses empty identifiers', () => {
    for (const field of ['licenseId', 'licenseNumber', 'product']) expect(accepts({ [field]: '' }), field).toBe(false);
    expect(accepts({ options: [{ code: '', end: '2027-03-31' }] })).toBe(false);
  });

  it('takes calendar dates as YYYY-MM-DD and instants only with an offset', () => {
    expect(IsoDate.safeParse('2027-03-31').success).toBe(true);
    for (const bad of ['2027-3-31', '2027-03-31T00:00:00Z', ' 2027-03-31', '2027-03-311', '20270331'])
      expect(IsoDate.safeParse(bad).success, bad).toBe(false);
    expect(accepts({ term: { start: '2026-04-01', end: '2027/03/31' } })).toBe(false);
    expect(IsoInstant.safeParse('2026-04-01T01:00:00.123+09:00').success).toBe(true);
    expect(IsoInstant.safeParse('2026-04-01T01:00:00').success).toBe(false);
    expect(accepts({ leaseUntil: '2026-04-15' })).toBe(false);
  });
});

describe('refusal messages', () => {
  // The service answers a refused body with `<field>: <message>` and the app logs why a license was refused.
  const issue = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
    result.error?.issues.map(({ path, message }) => `${path.join('.')}: ${message}`);

  it('say which field is wrong and what was expected', () => {
    expect(issue(LicensePayloadSchema.safeParse({ ...payload, device: 'abc' }))).toEqual([
      'device: expected a hashed device number',
    ]);
    expect(issue(LicensePayloadSchema.safeParse({ ...payload, term: { start: '2026-4-1', end: '2027-03-31' } }))).toEqual([
      'term.start: expected YYYY-MM-DD',
    ]);
    const envelope = { payload: '{}', signature: 'not-base64', keyId: 'dev' };
    expect(issue(SignedLicenseSchema.safeParse(envelope))).toEqual(['signature: expected a base64 Ed25519 signature']);
  });
});

describe('the signed license envelope', () => {
  const signature = `${'A'.repeat(85)}/==`;
  const envelope = { payload: '{"v":1}', signature, keyId: 'dev-2026' };
  const acceptsEnvelope = (changes: Record<string, unknown>) =>
    SignedLicenseSchema.safeParse({ ...envelope, ...changes }).success;

  it('accepts a payload text, an Ed25519 signature in base64 and a key id', () => {
    expect(SignedLicenseSchema.parse(envelope)).toEqual(envelope);
    expect(acceptsEnvelope({ payload: '{}', keyId: 'k'.repeat(64) })).toBe(true);
    expect(acceptsEnvelope({ payload: 'x'.repeat(16_384) })).toBe(true);
  });

  it('refuses signatures that are not 64 bytes of base64, and oversized or empty parts', () => {
    expect(acceptsEnvelope({ signature: `${'A'.repeat(84)}==` })).toBe(false);
    expect(acceptsEnvelope({ signature: `${'A'.repeat(87)}==` })).toBe(false);
    expect(acceptsEnvelope({ signature: `${'A'.repeat(86)}=` })).toBe(false);
    expect(acceptsEnvelope({ signature: `${'A'.repeat(85)}-==` })).toBe(false);
    expect(acceptsEnvelope({ signature: ` ${signature}` })).toBe(false);
    expect(acceptsEnvelope({ signature: `${signature}A` })).toBe(false);
    expect(acceptsEnvelope({ signature: `${signature}\n` })).toBe(false);
    expect(acceptsEnvelope({ payload: '{' })).toBe(false);
    expect(acceptsEnvelope({ payload: 'x'.repeat(16_385) })).toBe(false);
    expect(acceptsEnvelope({ keyId: '' })).toBe(false);
    expect(acceptsEnvelope({ keyId: 'k'.repeat(65) })).toBe(false);
    expect(acceptsEnvelope({ extra: 1 })).toBe(false);
  });
});
