import { parseLicenseNumber } from '../../src-shared/contracts/license-number';
import { DomainError } from '../domain/domain-error';
import { type ServiceContext } from '../service-context';
import { type LicenseRow, type UnsettledRenewal } from './license-repository';

type DeviceQuestion = { licenseNumber: string; device?: string; product?: string };

function parsedNumber(input: DeviceQuestion): string {
  const number = parseLicenseNumber(input.licenseNumber);
  if (!number.ok) throw new DomainError(number.code, 'not a valid license number');
  return number.value;
}

function checked(license: LicenseRow | null | undefined, input: DeviceQuestion): LicenseRow {
  if (!license) throw new DomainError('unknown-license', 'no license with this number');
  if (input.product !== undefined && license.product !== input.product)
    throw new DomainError('product-mismatch', 'the license is for another product');
  if (license.state === 'revoked' || license.state === 'cancelled')
    throw new DomainError(license.state, `the license is ${license.state}`);
  if (input.device !== undefined && license.device !== input.device) {
    throw new DomainError('moved', 'the license is now activated on another device');
  }
  return license;
}

/**
 * The license a device speaks for: known, for this product, not stopped, and bound to this very device (a license
 * activated elsewhere since answers `moved`, SPEC §4).
 */
export async function licenseForDevice(ctx: ServiceContext, input: DeviceQuestion): Promise<LicenseRow> {
  return checked(await ctx.licenses.findByNumber(parsedNumber(input)), input);
}

/**
 * licenseForDevice, plus the license's latest renewal unsettled as of the JST day `today`, read in the same
 * statement: the validation's one read. The same checks, in the same order.
 */
export async function licenseAndRenewalForDevice(
  ctx: ServiceContext,
  input: DeviceQuestion,
  today: string,
): Promise<{ license: LicenseRow; renewal: UnsettledRenewal | null }> {
  const found = await ctx.licenses.findByNumberWithRenewal(parsedNumber(input), today);
  return { license: checked(found?.license, input), renewal: found?.renewal ?? null };
}
