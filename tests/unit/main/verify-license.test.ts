import { describe, expect, it } from 'vitest';
import { loadPublicKey, verifySignedLicense } from '../../../src-main/license/verify-license';
import { newKeyPair, samplePayload, signPayload, signWith } from '../../fixtures/signing';

const { privateKey, publicKey } = newKeyPair();

describe('verifySignedLicense', () => {
  it('accepts a canonical payload signed by the trusted key', () => {
    const payload = samplePayload();
    expect(verifySignedLicense(signPayload(privateKey, payload), publicKey)).toEqual({ ok: true, payload });
  });

  it('rejects a payload changed after signing', () => {
    const signed = signPayload(privateKey, samplePayload());
    const tampered = { ...signed, payload: signed.payload.replace('2027-03-31', '2099-03-31') };
    expect(verifySignedLicense(tampered, publicKey)).toEqual({ ok: false, reason: 'signature does not verify' });
  });

  it('rejects a license signed by another key', () => {
    const other = newKeyPair();
    expect(verifySignedLicense(signPayload(other.privateKey, samplePayload()), publicKey).ok).toBe(false);
  });

  it('rejects signed but non-canonical or malformed payloads', () => {
    const text = JSON.stringify(samplePayload(), null, 2);
    expect(verifySignedLicense(signWith(privateKey, text), publicKey)).toEqual({ ok: false, reason: 'payload is not canonical' });
    expect(verifySignedLicense(signWith(privateKey, '{"v":1}'), publicKey)).toEqual({
      ok: false,
      reason: 'payload does not match the license schema',
    });
    expect(verifySignedLicense(signWith(privateKey, 'not json'), publicKey)).toEqual({
      ok: false,
      reason: 'payload is not JSON',
    });
  });

  it('rejects a garbled signature without throwing', () => {
    const signed = signPayload(privateKey, samplePayload());
    expect(verifySignedLicense({ ...signed, signature: 'AAAA' }, publicKey).ok).toBe(false);
  });

  it('only accepts Ed25519 verification keys', () => {
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(loadPublicKey(pem).asymmetricKeyType).toBe('ed25519');
    expect(() => loadPublicKey('-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----')).toThrow();
  });
});
