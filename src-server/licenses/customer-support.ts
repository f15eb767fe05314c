import { findProduct } from '../../src-shared/catalog';
import { type SignedSupport } from '../../src-shared/contracts/signed-license';
import { type CustomerLicense, customerSupportStates } from '../../src-shared/licensing';
import { type ServiceContext } from '../service-context';
import { type CustomerLicenseRow, type LicenseRow } from './license-repository';

/** The last group of a license number: all a payload may say of a license the device does not hold. */
export const lastGroup = (number: string): string => number.split('-').at(-1) ?? number;

const withdrawn = (license: Pick<LicenseRow, 'state'>) => license.state === 'cancelled' || license.state === 'revoked';

/** The catalog line of a product; a product the catalog no longer lists forms a line of its own. */
export function lineOf(ctx: ServiceContext, product: string): string {
  try {
    return findProduct(ctx.catalog, product).line;
  } catch {
    return `unlisted:${product}`;
  }
}

/**
 * The perpetual licenses of the customer that share `license`'s line and still belong to the customer's set
 * (seed 003's サポートID), `license` included; empty when `license` itself does not take part.
 */
export function alignedWith(ctx: ServiceContext, license: CustomerLicenseRow, all: readonly CustomerLicenseRow[]) {
  if (license.kind !== 'perpetual' || withdrawn(license)) return [];
  const line = lineOf(ctx, license.product);
  return all.filter((other) => other.kind === 'perpetual' && !withdrawn(other) && lineOf(ctx, other.product) === line);
}

/**
 * What a license's signed payload says of its customer's other licenses (docs/decisions.md "What the service must
 * sign"): undefined for a license without a customer (no query at all), a withdrawn or non-perpetual one, and a
 * customer with a single license in the line; else the state from customerSupportStates, the other license named by
 * its last number group and product. One statement for the customer's licenses.
 */
export async function supportFor(
  ctx: ServiceContext,
  license: Pick<LicenseRow, 'id' | 'customerId' | 'trial' | 'kind' | 'state'>,
): Promise<SignedSupport | undefined> {
  if (!license.customerId || license.trial || license.kind !== 'perpetual' || withdrawn(license)) return undefined;
  const all = await ctx.licenses.ofCustomer(license.customerId);
  const self = all.find((l) => l.id === license.id);
  if (!self) return undefined;
  const aligned = alignedWith(ctx, self, all);
  if (aligned.length < 2) return undefined;
  const inputs: CustomerLicense[] = aligned.map((l) => ({
    id: l.id,
    productCode: l.product,
    line: lineOf(ctx, l.product),
    kind: l.kind,
    term: { start: l.termStart, end: l.termEnd },
    state: l.state,
    lastRenewedOn: l.lastRenewedOn,
  }));
  const state = customerSupportStates(inputs, ctx.clock().toISOString()).find((s) => s.id === license.id)!;
  const other = (id: string) => {
    const found = aligned.find((l) => l.id === id)!;
    return { licenseNumberLast: lastGroup(found.number), product: found.product };
  };
  switch (state.state) {
    case 'active':
      return { state: 'active' };
    case 'ended-continues':
      return { state: 'ended-continues' };
    case 'suspended':
      return {
        state: 'suspended',
        cause: { ...other(state.cause.licenseId), endedOn: state.cause.endedOn, suspendedFrom: state.cause.suspendedFrom },
      };
    case 'ended-stopped':
      return state.cause.reason === 'renewed-without-it'
        ? { state: 'ended-stopped', cause: { ...other(state.cause.licenseId), renewedOn: state.cause.renewedOn } }
        : undefined;
    default:
      return undefined;
  }
}
