import { CodedError } from '../../src-shared/contracts/coded-error';
import { type ErrorCode } from '../../src-shared/contracts/error-codes';
import { type LicenseResponse } from '../../src-shared/contracts/http';
import { parseLicenseNumber } from '../../src-shared/contracts/license-number';
import { type LicensePayload } from '../../src-shared/contracts/signed-license';
import { type AppClock } from '../launch/app-clock';
import { type LicenseStorePort, type StoredLicense, STOPPED_AS, type StoppedAs } from '../store/license-store';
import { type LicenseServiceApi } from './service-client';
import { type Installation, verifyForInstallation } from './trusted-license';

export type LicenseManagerDeps = {
  store: LicenseStorePort;
  client: LicenseServiceApi;
  installation: Installation;
  appVersion: string;
  clock: AppClock;
};

/** The stored license as far as it can be trusted: verified payload, or why not. */
export type TrustedRead =
  | { stored: StoredLicense; payload: LicensePayload; problem: null }
  | { stored: StoredLicense | null; payload: null; problem: 'stored-license-invalid' | null };

/** One online check: confirmed (a fresh lease stored), stopped by the service, or failed and worth retrying. */
export type CheckOutcome =
  | { kind: 'confirmed' }
  | { kind: 'stopped'; as: StoppedAs }
  | { kind: 'failed'; code: ErrorCode; retryable: boolean }
  | { kind: 'no-license' };

const RETRYABLE: readonly ErrorCode[] = ['service-unreachable', 'service-bad-response', 'internal', 'rate-limited'];

/** Owns the installation's license: what is stored, whether it can be trusted, activation, trial and validation. */
export class LicenseManager {
  constructor(private readonly deps: LicenseManagerDeps) {}

  read(): TrustedRead {
    const stored = this.deps.store.load();
    if (!stored) return { stored: null, payload: null, problem: null };
    const verified = verifyForInstallation(stored.signed, this.deps.installation);
    if (!verified.ok) return { stored, payload: null, problem: 'stored-license-invalid' };
    return { stored, payload: verified.payload, problem: null };
  }

  async activate(input: string): Promise<void> {
    const number = parseLicenseNumber(input);
    if (!number.ok) throw new CodedError(number.code);
    const response = await this.deps.client.activate({ licenseNumber: number.value, ...this.identity() });
    this.accept(response, { licenseNumber: number.value, replayCheck: false });
  }

  /** The request itself is the acceptance of the terms: the service counts the trial from when it receives it. */
  async startTrial(): Promise<void> {
    const response = await this.deps.client.startTrial({ ...this.identity(), termsAccepted: true });
    this.accept(response, { licenseNumber: null, replayCheck: false });
  }

  /** One validation attempt against the service; never throws. */
  async validate(): Promise<CheckOutcome> {
    const current = this.read();
    if (!current.payload) return { kind: 'no-license' };
    const at = () => this.deps.clock.now().toISOString();
    try {
      const response = await this.deps.client.validate({ licenseNumber: current.payload.licenseNumber, ...this.identity() });
      this.accept(response, { licenseNumber: current.payload.licenseNumber, replayCheck: true });
      return { kind: 'confirmed' };
    } catch (error) {
      const code: ErrorCode = error instanceof CodedError ? error.code : 'internal';
      if ((STOPPED_AS as readonly string[]).includes(code)) {
        this.deps.store.markStopped(code as StoppedAs, at());
        return { kind: 'stopped', as: code as StoppedAs };
      }
      this.deps.store.recordCheck({ at: at(), error: code });
      return { kind: 'failed', code, retryable: RETRYABLE.includes(code) };
    }
  }

  /** A license the service sent with a paid renewal: stored like a validation's, so the new term is active at once. */
  acceptRenewed(response: LicenseResponse): void {
    const current = this.read().payload;
    this.accept(response, { licenseNumber: current?.licenseNumber ?? null, replayCheck: true });
  }

  /** The number and identity the renewal calls need; null before activation. */
  licenseRef(): { licenseNumber: string; device: string } | null {
    const payload = this.read().payload;
    return payload ? { licenseNumber: payload.licenseNumber, device: this.deps.installation.deviceNumber } : null;
  }

  private identity() {
    const { deviceNumber, productCode } = this.deps.installation;
    return { product: productCode, device: deviceNumber, appVersion: this.deps.appVersion };
  }

  /**
   * Stores a license the service sent, only if it verifies, names this device, product (and number), and, for a
   * validation, is not older than the one stored (a replayed answer must not undo a later one).
   */
  private accept(response: LicenseResponse, expect: { licenseNumber: string | null; replayCheck: boolean }): void {
    const verified = verifyForInstallation(response.license, this.deps.installation);
    if (!verified.ok) throw new CodedError('license-signature-invalid', verified.reason);
    if (expect.licenseNumber !== null && verified.payload.licenseNumber !== expect.licenseNumber) {
      throw new CodedError('license-signature-invalid', 'license issued for another number');
    }
    if (expect.replayCheck) {
      const current = this.read().payload;
      if (current && Date.parse(verified.payload.issuedAt) < Date.parse(current.issuedAt)) {
        throw new CodedError('service-bad-response', 'the service sent a license older than the one stored');
      }
    }
    const now = this.deps.clock.now().toISOString();
    this.deps.store.save(response.license, now);
    // Stryker disable next-line ConditionalExpression: recordCheck(now, no error, undefined) rewrites what save just wrote
    if (response.renewal !== undefined) this.deps.store.recordCheck({ at: now, error: null }, response.renewal);
    // The signed issue time is the service's clock. The watermark is set to it, even backwards: a local clock that ran
    // ahead is forgiven once the service has spoken, and a clock set back is measured against the service's time.
    this.deps.store.resetLatestSeen(verified.payload.issuedAt);
  }
}
