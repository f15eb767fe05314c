import { describe, expect, it } from 'vitest';
import { CodedError } from '../../../src-shared/contracts/coded-error';
import { type LicensePayload } from '../../../src-shared/contracts/signed-license';
import { LicenseManager } from '../../../src-main/license/license-manager';
import { type Installation } from '../../../src-main/license/trusted-license';
import { ManualClock } from '../../fixtures/desktop-app';
import { newKeyPair, samplePayload, signPayload } from '../../fixtures/signing';
import { FakeLicenseStore, FakeServiceClient, validLicenseNumber } from '../../fixtures/tamper-fakes';

const { privateKey, publicKey } = newKeyPair();
const DEVICE = 'd'.repeat(64);
const OTHER_DEVICE = 'e'.repeat(64);
const NUMBER = validLicenseNumber(1);
const installation: Installation = { publicKey, deviceNumber: DEVICE, productCode: 'sakura-kaikei' };
const NOW = new Date('2026-11-22T01:00:00.000Z');

const payload = (overrides: Partial<LicensePayload> = {}) =>
  samplePayload({ licenseNumber: NUMBER, device: DEVICE, issuedAt: '2026-11-22T00:00:00.000Z', ...overrides });
const signed = (overrides: Partial<LicensePayload> = {}) => signPayload(privateKey, payload(overrides));
const answer = (overrides: Partial<LicensePayload> = {}) => ({ license: signed(overrides), serverTime: NOW.toISOString() });

function manager(options: { stored?: Partial<LicensePayload> | null } = {}) {
  const store = new FakeLicenseStore();
  const client = new FakeServiceClient();
  const clock = new ManualClock(NOW);
  if (options.stored !== null && options.stored !== undefined) store.save(signed(options.stored), '2026-11-21T00:00:00.000Z');
  store.writes = [];
  const licenses = new LicenseManager({ store, client, installation, appVersion: '1.2.3', clock });
  return { store, client, clock, licenses };
}

describe('read: only a verified license for this device and product is trusted', () => {
  it('answers nothing stored as no license, without a problem', () => {
    expect(manager().licenses.read()).toEqual({ stored: null, payload: null, problem: null });
  });

  it('trusts a license signed for this device and product', () => {
    const { licenses } = manager({ stored: {} });
    expect(licenses.read()).toMatchObject({ payload: payload(), problem: null });
  });

  it('does not trust a stored license signed for another device (device check)', () => {
    const { licenses } = manager({ stored: { device: OTHER_DEVICE } });
    expect(licenses.read()).toMatchObject({ payload: null, problem: 'stored-license-invalid' });
  });

  it('does not trust a license whose device is not a hashed device number, even one naming this installation', () => {
    // Pins the signed payload's device format (64 hex digits): a looser pattern would let `abc` through here.
    const odd = { ...installation, deviceNumber: 'abc' };
    const store = new FakeLicenseStore();
    store.save(signed({ device: 'abc' }), NOW.toISOString());
    const licenses = new LicenseManager({
      store,
      client: new FakeServiceClient(),
      installation: odd,
      appVersion: '1.2.3',
      clock: new ManualClock(NOW),
    });
    expect(licenses.read()).toMatchObject({ payload: null, problem: 'stored-license-invalid' });
  });

  it('does not trust a stored license for another product (product check)', () => {
    const { licenses } = manager({ stored: { product: 'menzei-terminal' } });
    expect(licenses.read()).toMatchObject({ payload: null, problem: 'stored-license-invalid' });
  });

  it('does not trust a stored license whose signature does not verify, nor one signed with another key', () => {
    const { store, licenses } = manager({ stored: {} });
    store.stored!.signed = { ...store.stored!.signed, payload: store.stored!.signed.payload.replace('2027-03-31', '2099-03-31') };
    expect(licenses.read()).toMatchObject({ payload: null, problem: 'stored-license-invalid' });
    store.stored!.signed = signPayload(newKeyPair().privateKey, payload());
    expect(licenses.read()).toMatchObject({ payload: null, problem: 'stored-license-invalid' });
  });
});

describe('activate', () => {
  it('refuses a mistyped number before asking the service', async () => {
    const { client, licenses } = manager();
    await expect(licenses.activate('ABCD')).rejects.toMatchObject({ code: 'license-number-format' });
    expect(client.requests).toEqual([]);
  });

  it('sends the normalised number with this installation’s product, device and version, and stores the answer', async () => {
    const { store, client, licenses } = manager();
    client.answer(answer());
    await licenses.activate(NUMBER.toLowerCase().replace(/-/g, ' '));
    expect(client.requests).toEqual([
      { route: 'activate', body: { licenseNumber: NUMBER, product: 'sakura-kaikei', device: DEVICE, appVersion: '1.2.3' } },
    ]);
    expect(store.stored?.signed).toEqual(signed());
    expect(store.stored?.storedAt).toBe(NOW.toISOString());
    expect(licenses.read().payload).toEqual(payload());
  });

  it('sets the watermark to the signed issue time, even backwards of the local clock', async () => {
    const { store, client, licenses } = manager();
    store.watermark = '2027-01-01T00:00:00.000Z';
    client.answer(answer({ issuedAt: '2026-11-22T00:30:00.000Z' }));
    await licenses.activate(NUMBER);
    expect(store.watermark).toBe('2026-11-22T00:30:00.000Z');
  });

  it('does not store an activation answer signed for another device (device check)', async () => {
    const { store, client, licenses } = manager();
    client.answer(answer({ device: OTHER_DEVICE }));
    await expect(licenses.activate(NUMBER)).rejects.toMatchObject({ code: 'license-signature-invalid' });
    expect(store.stored).toBeNull();
    expect(store.writes).toEqual([]);
  });

  it('does not store an answer for another product, another number, or one whose signature does not verify', async () => {
    const { store, client, licenses } = manager();
    const forged = { license: signPayload(newKeyPair().privateKey, payload()), serverTime: NOW.toISOString() };
    client.answer(answer({ product: 'menzei-terminal' }), answer({ licenseNumber: validLicenseNumber(2) }), forged);
    for (let i = 0; i < 3; i++) {
      await expect(licenses.activate(NUMBER)).rejects.toMatchObject({ code: 'license-signature-invalid' });
    }
    expect(store.stored).toBeNull();
    expect(store.writes).toEqual([]);
  });

  it('passes the service’s refusal on unchanged', async () => {
    const { store, client, licenses } = manager();
    client.answer(new CodedError('unknown-license'));
    await expect(licenses.activate(NUMBER)).rejects.toMatchObject({ code: 'unknown-license' });
    expect(store.stored).toBeNull();
  });
});

describe('startTrial', () => {
  it('accepts the terms in the request itself and stores the signed trial for this device', async () => {
    const { store, client, licenses } = manager();
    client.answer(answer({ trial: true }));
    await licenses.startTrial();
    expect(client.requests).toEqual([
      { route: 'trial', body: { product: 'sakura-kaikei', device: DEVICE, appVersion: '1.2.3', termsAccepted: true } },
    ]);
    expect(licenses.read().payload?.trial).toBe(true);
    expect(store.watermark).toBe('2026-11-22T00:00:00.000Z');
  });

  it('does not store a trial signed for another device', async () => {
    const { store, client, licenses } = manager();
    client.answer(answer({ trial: true, device: OTHER_DEVICE }));
    await expect(licenses.startTrial()).rejects.toMatchObject({ code: 'license-signature-invalid' });
    expect(store.stored).toBeNull();
  });
});

describe('validate', () => {
  it('asks nothing without a trusted license', async () => {
    const { client, licenses } = manager({ stored: { device: OTHER_DEVICE } });
    expect(await licenses.validate()).toEqual({ kind: 'no-license' });
    expect(client.requests).toEqual([]);
  });

  it('stores the fresh lease and what the service says of a placed renewal', async () => {
    const { store, client, licenses } = manager({ stored: {} });
    const renewal = { orderId: 'o-1', state: 'pending' as const, method: 'bank-transfer' as const, dueOn: '2026-12-01' };
    client.answer({ ...answer({ issuedAt: '2026-11-22T01:00:00.000Z', leaseUntil: '2026-12-06T01:00:00.000Z' }), renewal });
    expect(await licenses.validate()).toEqual({ kind: 'confirmed' });
    expect(client.requests[0]).toEqual({
      route: 'validate',
      body: { licenseNumber: NUMBER, product: 'sakura-kaikei', device: DEVICE, appVersion: '1.2.3' },
    });
    expect(licenses.read().payload?.leaseUntil).toBe('2026-12-06T01:00:00.000Z');
    expect(store.stored).toMatchObject({ lastError: null, placedRenewal: renewal, lastAttempt: NOW.toISOString() });
    expect(store.watermark).toBe('2026-11-22T01:00:00.000Z');
  });

  it('refuses a license older (by issuedAt) than the one stored: the newer one stays (replay check)', async () => {
    const { store, client, licenses } = manager({ stored: {} });
    client.answer(answer({ issuedAt: '2026-11-21T23:59:59.999Z', term: { start: '2026-04-01', end: '2099-03-31' } }));
    expect(await licenses.validate()).toEqual({ kind: 'failed', code: 'service-bad-response', retryable: true });
    expect(licenses.read().payload?.issuedAt).toBe('2026-11-22T00:00:00.000Z');
    expect(store.writes).toEqual(['recordCheck']);
    expect(store.stored).toMatchObject({ lastError: 'service-bad-response' });
  });

  it('accepts a license issued at the same instant as the stored one, and a newer one', async () => {
    const { client, licenses } = manager({ stored: {} });
    client.answer(answer({ leaseUntil: '2026-12-07T00:00:00.000Z' }), answer({ issuedAt: '2026-11-22T00:00:00.001Z' }));
    expect(await licenses.validate()).toEqual({ kind: 'confirmed' });
    expect(licenses.read().payload?.leaseUntil).toBe('2026-12-07T00:00:00.000Z');
    expect(await licenses.validate()).toEqual({ kind: 'confirmed' });
    expect(licenses.read().payload?.issuedAt).toBe('2026-11-22T00:00:00.001Z');
  });

  it('compares issue times as instants, not as text', async () => {
    const { client, licenses } = manager({ stored: {} });
    // 08:59 JST is 23:59 UTC the day before: older, although the text sorts after the stored '…T00:00:00.000Z'.
    client.answer(answer({ issuedAt: '2026-11-22T08:59:00.000+09:00' }));
    expect(await licenses.validate()).toMatchObject({ kind: 'failed', code: 'service-bad-response' });
  });

  it('does not store a validation answer for another device, product or number (not retried)', async () => {
    const { store, client, licenses } = manager({ stored: {} });
    client.answer(
      answer({ device: OTHER_DEVICE }),
      answer({ product: 'menzei-terminal' }),
      answer({ licenseNumber: validLicenseNumber(3) }),
    );
    for (let i = 0; i < 3; i++) {
      expect(await licenses.validate()).toEqual({ kind: 'failed', code: 'license-signature-invalid', retryable: false });
    }
    expect(store.stored?.signed).toEqual(signed());
  });

  it.each(['moved', 'revoked', 'cancelled', 'unknown-license'] as const)(
    'remembers a %s refusal as a local stop',
    async (code) => {
      const { store, client, licenses } = manager({ stored: {} });
      client.answer(new CodedError(code));
      expect(await licenses.validate()).toEqual({ kind: 'stopped', as: code });
      expect(store.stored).toMatchObject({ stoppedAs: code, lastError: code, lastAttempt: NOW.toISOString() });
    },
  );

  it('records a failure, retryable when the service may answer later', async () => {
    const { store, client, licenses } = manager({ stored: {} });
    client.answer(
      new CodedError('service-unreachable'),
      new CodedError('rate-limited'),
      new Error('boom'),
      new CodedError('product-mismatch'),
    );
    expect(await licenses.validate()).toEqual({ kind: 'failed', code: 'service-unreachable', retryable: true });
    expect(await licenses.validate()).toEqual({ kind: 'failed', code: 'rate-limited', retryable: true });
    expect(await licenses.validate()).toEqual({ kind: 'failed', code: 'internal', retryable: true });
    expect(await licenses.validate()).toEqual({ kind: 'failed', code: 'product-mismatch', retryable: false });
    expect(store.stored).toMatchObject({ lastError: 'product-mismatch', stoppedAs: null });
    expect(licenses.read().payload).toEqual(payload());
  });
});

describe('activation and trial replace what is stored: only validations are replay-checked', () => {
  // A service whose clock ran ahead (or a demo clock set forward, then back) signed the stored license "later" than
  // anything it signs now; the user's own activation or trial start must still take effect on this device.
  const later = { issuedAt: '2026-12-24T00:00:00.000Z', licenseNumber: validLicenseNumber(5) };

  it('stores an activation answer issued before the stored license', async () => {
    const { store, client, licenses } = manager({ stored: later });
    client.answer(answer());
    await licenses.activate(NUMBER);
    expect(licenses.read().payload).toEqual(payload());
    expect(store.watermark).toBe('2026-11-22T00:00:00.000Z');
  });

  it('stores a trial issued before the stored license', async () => {
    const { client, licenses } = manager({ stored: later });
    client.answer(answer({ trial: true }));
    await licenses.startTrial();
    expect(licenses.read().payload).toEqual(payload({ trial: true }));
  });
});

describe('refusals say why, for the details line support reads', () => {
  it('tells a license for another installation from a forged one and from one for another number', async () => {
    const { client, licenses } = manager();
    const forged = { license: signPayload(newKeyPair().privateKey, payload()), serverTime: NOW.toISOString() };
    client.answer(answer({ device: OTHER_DEVICE }), forged, answer({ licenseNumber: validLicenseNumber(2) }));
    await expect(licenses.activate(NUMBER)).rejects.toMatchObject({
      code: 'license-signature-invalid',
      message: 'issued for another installation',
    });
    await expect(licenses.activate(NUMBER)).rejects.toMatchObject({
      code: 'license-signature-invalid',
      message: 'signature does not verify',
    });
    await expect(licenses.activate(NUMBER)).rejects.toMatchObject({
      code: 'license-signature-invalid',
      message: 'license issued for another number',
    });
  });

  it('says when the service sent a license older than the stored one', () => {
    const { licenses } = manager({ stored: {} });
    let error: unknown;
    try {
      licenses.acceptRenewed(answer({ issuedAt: '2026-11-21T00:00:00.000Z' }));
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: 'service-bad-response',
      message: 'the service sent a license older than the one stored',
    });
  });
});

describe('acceptRenewed: the license a paid renewal brings', () => {
  const renewed = { issuedAt: '2026-11-22T00:30:00.000Z', term: { start: '2027-04-01', end: '2028-03-31' } };

  it('stores it at once, so the new term is active without waiting for a validation', () => {
    const { store, licenses } = manager({ stored: {} });
    licenses.acceptRenewed(answer(renewed));
    expect(licenses.read().payload).toEqual(payload(renewed));
    expect(store.stored?.storedAt).toBe(NOW.toISOString());
    expect(store.watermark).toBe('2026-11-22T00:30:00.000Z');
  });

  it('refuses one for another license number, another device, or older than the stored one', () => {
    const { store, licenses } = manager({ stored: {} });
    for (const wrong of [
      { ...renewed, licenseNumber: validLicenseNumber(6) },
      { ...renewed, device: OTHER_DEVICE },
      { ...renewed, issuedAt: '2026-11-21T23:00:00.000Z' },
    ]) {
      expect(() => licenses.acceptRenewed(answer(wrong))).toThrow(CodedError);
    }
    expect(licenses.read().payload).toEqual(payload());
    expect(store.writes).toEqual([]);
  });

  it('still stores it for this device when the stored license can no longer be trusted', () => {
    const { store, licenses } = manager({ stored: { device: OTHER_DEVICE } });
    licenses.acceptRenewed(answer(renewed));
    expect(licenses.read().payload).toEqual(payload(renewed));
    expect(store.stored?.signed).toEqual(signed(renewed));
  });
});

describe('licenseRef: what the renewal calls identify themselves with', () => {
  it('names the trusted license’s number and this device', () => {
    expect(manager({ stored: {} }).licenses.licenseRef()).toEqual({ licenseNumber: NUMBER, device: DEVICE });
  });

  it('is null before activation and when the stored license cannot be trusted', () => {
    expect(manager().licenses.licenseRef()).toBeNull();
    expect(manager({ stored: { device: OTHER_DEVICE } }).licenses.licenseRef()).toBeNull();
  });
});
