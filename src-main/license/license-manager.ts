import { type KeyObject } from 'node:crypto';
import { type Catalog } from '../../src-shared/catalog';
import { maskLicenseNumber, parseLicenseNumber } from '../../src-shared/contracts/license-number';
import { daysRemaining } from '../../src-shared/licensing';
import { type LicensePayload } from '../../src-shared/contracts/signed-license';
import { CodedError } from '../../src-shared/contracts/coded-error';
import { type LicenseStatus, type LicenseView } from '../../src-shared/ipc/license-status';
import { shortDeviceNumber } from '../device/device-number';
import { type LicenseStore } from '../store/license-store';
import { type LicenseServiceClient } from './service-client';
import { verifySignedLicense } from './verify-license';

export type LicenseManagerDeps = {
  catalog: Catalog;
  store: LicenseStore;
  client: LicenseServiceClient;
  publicKey: KeyObject;
  deviceNumber: string;
  productCode: string;
  appVersion: string;
  clock: () => Date;
};

/** Owns the installation's license: what is stored, whether it can be trusted, and activation. */
export class LicenseManager {
  constructor(private readonly deps: LicenseManagerDeps) {}

  status(): LicenseStatus {
    const stored = this.deps.store.load();
    if (!stored) return this.answer(null, null);
    const verified = verifySignedLicense(stored.signed, this.deps.publicKey);
    if (!verified.ok || !this.isForThisInstallation(verified.payload)) return this.answer(null, 'stored-license-invalid');
    return this.answer(this.view(verified.payload, stored.lastOnlineCheck), null);
  }

  async activate(input: string): Promise<LicenseStatus> {
    const number = parseLicenseNumber(input);
    if (!number.ok) throw new CodedError(number.code);
    const response = await this.deps.client.activate({
      licenseNumber: number.value,
      product: this.deps.productCode,
      device: this.deps.deviceNumber,
      appVersion: this.deps.appVersion,
    });
    const verified = verifySignedLicense(response.license, this.deps.publicKey);
    // A license that does not verify, or that was issued for another device or product, is never stored.
    if (!verified.ok) throw new CodedError('license-signature-invalid', verified.reason);
    if (!this.isForThisInstallation(verified.payload) || verified.payload.licenseNumber !== number.value) {
      throw new CodedError('license-signature-invalid', 'license issued for another installation');
    }
    this.deps.store.save(response.license, this.deps.clock().toISOString());
    return this.status();
  }

  private isForThisInstallation(payload: LicensePayload): boolean {
    return payload.device === this.deps.deviceNumber && payload.product === this.deps.productCode;
  }

  private view(payload: LicensePayload, lastOnlineCheck: string | null): LicenseView {
    const product = this.deps.catalog.products.find((p) => p.code === payload.product);
    const optionLabel = (code: string) => product?.options.find((o) => o.code === code)?.label ?? code;
    return {
      licenseNumberMasked: maskLicenseNumber(payload.licenseNumber),
      product: payload.product,
      productName: product?.name ?? payload.product,
      edition: payload.edition,
      kind: payload.kind,
      state: payload.state,
      trial: payload.trial,
      termStart: payload.term.start,
      termEnd: payload.term.end,
      options: payload.options.map((o) => ({ ...o, label: optionLabel(o.code) })),
      daysRemaining: daysRemaining(payload.term.end, this.deps.clock().toISOString()),
      deviceNumberShort: shortDeviceNumber(payload.device),
      issuedAt: payload.issuedAt,
      lastOnlineCheck,
    };
  }

  private answer(license: LicenseView | null, problem: LicenseStatus['problem']): LicenseStatus {
    return { appVersion: this.deps.appVersion, license, problem };
  }
}
