import { type Catalog } from '../../src-shared/catalog';
import { maskLicenseNumber } from '../../src-shared/contracts/license-number';
import { type LicensePayload } from '../../src-shared/contracts/signed-license';
import { type LicenseView } from '../../src-shared/ipc/license-status';
import { daysRemaining, type LicenseState } from '../../src-shared/licensing';
import { shortDeviceNumber } from '../device/device-number';

/** What the renderer may see of a verified license: never the full number nor the device hash. */
export function licenseView(
  catalog: Catalog,
  payload: LicensePayload,
  state: LicenseState,
  lastOnlineCheck: string | null,
  now: string,
): LicenseView {
  const product = catalog.products.find((p) => p.code === payload.product);
  const optionLabel = (code: string) => product?.options.find((o) => o.code === code)?.label ?? code;
  return {
    licenseNumberMasked: maskLicenseNumber(payload.licenseNumber),
    product: payload.product,
    productName: product?.name ?? payload.product,
    edition: payload.edition,
    kind: payload.kind,
    state,
    trial: payload.trial,
    termStart: payload.term.start,
    termEnd: payload.term.end,
    options: payload.options.map((o) => ({ ...o, label: optionLabel(o.code) })),
    daysRemaining: daysRemaining(payload.term.end, now),
    deviceNumberShort: shortDeviceNumber(payload.device),
    issuedAt: payload.issuedAt,
    lastOnlineCheck,
  };
}
