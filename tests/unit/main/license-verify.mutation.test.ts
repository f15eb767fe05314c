import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type SignedLicense } from '../../../src-shared/contracts/signed-license';
import { verifyForInstallation } from '../../../src-main/license/trusted-license';
import { loadPublicKey, verifySignedLicense } from '../../../src-main/license/verify-license';
import { newKeyPair, samplePayload, signPayload } from '../../fixtures/signing';

// The trust root: nothing from a license is believed unless these say ok. A verification that cannot even run
// must end in "not trusted", never in "trusted" and never in a crash of the status call.

const { privateKey, publicKey } = newKeyPair();
const DEVICE = 'd'.repeat(64);
const genuine = signPayload(privateKey, samplePayload({ device: DEVICE }));

describe('verifySignedLicense when verification itself fails', () => {
  it('does not trust a genuine payload whose signature field is not text (a hand-edited or garbled record)', () => {
    for (const signature of [12345, null, { data: [1, 2, 3] }]) {
      const garbled = { ...genuine, signature } as unknown as SignedLicense;
      expect(verifySignedLicense(garbled, publicKey), JSON.stringify(signature)).toEqual({
        ok: false,
        reason: 'signature does not verify',
      });
    }
  });

  it('does not trust anything under a key that cannot check Ed25519 signatures', () => {
    const x25519 = crypto.generateKeyPairSync('x25519').publicKey;
    expect(verifySignedLicense(genuine, x25519)).toEqual({ ok: false, reason: 'signature does not verify' });
    const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    expect(verifySignedLicense(genuine, rsa)).toEqual({ ok: false, reason: 'signature does not verify' });
  });

  it('verifies the payload as UTF-8 text, so Japanese in a payload checks out byte for byte', () => {
    const japanese = signPayload(privateKey, samplePayload({ licenseId: 'さくら-0001', device: DEVICE }));
    expect(verifySignedLicense(japanese, publicKey)).toMatchObject({ ok: true, payload: { licenseId: 'さくら-0001' } });
  });
});

describe('loadPublicKey: the configured trust root must be an Ed25519 key', () => {
  const pem = (key: crypto.KeyObject) => key.export({ type: 'spki', format: 'pem' }).toString();

  it('refuses a well-formed key of another type, saying which kind is required', () => {
    const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    const x25519 = crypto.generateKeyPairSync('x25519').publicKey;
    for (const key of [rsa, ec, x25519]) {
      expect(() => loadPublicKey(pem(key)), key.asymmetricKeyType).toThrow('the license verification key must be Ed25519');
    }
  });

  it('loads an Ed25519 key that verifies the vendor’s licenses', () => {
    expect(verifySignedLicense(genuine, loadPublicKey(pem(publicKey)))).toMatchObject({ ok: true });
  });
});

describe('verifyForInstallation', () => {
  const installation = { publicKey, deviceNumber: DEVICE, productCode: 'sakura-kaikei' };

  it('says a genuine license for another device or product was issued for another installation', () => {
    for (const other of [{ device: 'e'.repeat(64) }, { product: 'menzei-terminal' }]) {
      const license = signPayload(privateKey, samplePayload({ device: DEVICE, ...other }));
      expect(verifyForInstallation(license, installation)).toEqual({ ok: false, reason: 'issued for another installation' });
    }
    expect(verifyForInstallation(genuine, installation)).toEqual({ ok: true, payload: samplePayload({ device: DEVICE }) });
  });
});
