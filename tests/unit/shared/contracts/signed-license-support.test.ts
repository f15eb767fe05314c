import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../src-shared/contracts/canonical-json';
import { LicensePayloadSchema } from '../../../../src-shared/contracts/signed-license';
import { LICENSE_SUPPORT_STATES } from '../../../../src-shared/licensing/launch-codes';
import { samplePayload, sampleSupport } from '../../../fixtures/signing';

const accepts = (support: unknown) => LicensePayloadSchema.safeParse({ ...samplePayload(), support }).success;

describe('the signed support state of one of several licenses (seed 003)', () => {
  it('accepts each state the desktop app acts on, and parses it back unchanged', () => {
    for (const state of LICENSE_SUPPORT_STATES) {
      const payload = samplePayload({ support: sampleSupport(state) });
      expect(LicensePayloadSchema.parse(payload)).toEqual(payload);
    }
  });

  it('is optional and omitted, never null: a payload without it is canonical exactly as before', () => {
    const parsed = LicensePayloadSchema.parse(samplePayload());
    expect('support' in parsed).toBe(false);
    expect(canonicalJson(parsed)).not.toContain('support');
    expect(accepts(null)).toBe(false);
  });

  it('names another license by the last group of its number only, never the full number', () => {
    const cause = { product: 'sakura-kaikei', endedOn: '2026-10-31', suspendedFrom: '2026-11-01' };
    expect(accepts({ state: 'suspended', cause: { ...cause, licenseNumberLast: 'HR35' } })).toBe(true);
    expect(accepts({ state: 'suspended', cause: { ...cause, licenseNumberLast: 'Q7*~' } })).toBe(true);
    for (const number of ['7MP2-K9XD-4SAB-HR35', '7MP2K9XD4SABHR35', 'HR3', 'hr35', '-HR35']) {
      expect(accepts({ state: 'suspended', cause: { ...cause, licenseNumberLast: number } }), number).toBe(false);
    }
  });

  it('refuses a state without its cause, a cause of the wrong state, unknown states and extra keys', () => {
    const suspendedCause = {
      licenseNumberLast: 'HR35',
      product: 'sakura-kaikei',
      endedOn: '2026-10-31',
      suspendedFrom: '2026-11-01',
    };
    const stoppedCause = { licenseNumberLast: 'HR35', product: 'sakura-kaikei', renewedOn: '2026-11-10' };
    expect(accepts({ state: 'suspended' })).toBe(false);
    expect(accepts({ state: 'ended-stopped' })).toBe(false);
    expect(accepts({ state: 'suspended', cause: stoppedCause })).toBe(false);
    expect(accepts({ state: 'ended-stopped', cause: suspendedCause })).toBe(false);
    expect(accepts({ state: 'active', cause: suspendedCause })).toBe(false);
    expect(accepts({ state: 'withdrawn' })).toBe(false);
    expect(accepts({ state: 'suspended', cause: suspendedCause, licenseNumber: '7MP2-K9XD-4SAB-HR35' })).toBe(false);
    expect(accepts({ state: 'suspended', cause: { ...suspendedCause, licenseId: 'lic_2' } })).toBe(false);
    expect(accepts({ state: 'suspended', cause: { ...suspendedCause, endedOn: '2026/10/31' } })).toBe(false);
  });
});
