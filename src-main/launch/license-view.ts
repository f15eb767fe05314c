import { type Catalog } from '../../src-shared/catalog';
import { maskedFromLastGroup, maskLicenseNumber } from '../../src-shared/contracts/license-number';
import { type LicensePayload, type SignedSupport } from '../../src-shared/contracts/signed-license';
import { type LicenseSupportView, type LicenseView } from '../../src-shared/ipc/license-status';
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
  const support = payload.support ? supportView(catalog, payload.support) : undefined;
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
    ...(support && { support }),
  };
}

/** The other license as the renderer shows it: the masked form of a number of which only the last group is signed. */
function otherLicense(catalog: Catalog, other: { licenseNumberLast: string; product: string }) {
  return {
    licenseNumberMasked: maskedFromLastGroup(other.licenseNumberLast),
    productName: catalog.products.find((p) => p.code === other.product)?.name ?? other.product,
  };
}

function supportView(catalog: Catalog, support: SignedSupport): LicenseSupportView {
  switch (support.state) {
    case 'suspended': {
      const { endedOn, suspendedFrom } = support.cause;
      return { state: 'suspended', cause: { ...otherLicense(catalog, support.cause), endedOn, suspendedFrom } };
    }
    case 'ended-stopped':
      return { state: 'ended-stopped', cause: { ...otherLicense(catalog, support.cause), renewedOn: support.cause.renewedOn } };
    default:
      return { state: support.state };
  }
}
