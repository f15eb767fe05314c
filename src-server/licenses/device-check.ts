import { parseLicenseNumber } from '../../src-shared/contracts/license-number';
import { DomainError } from '../domain/domain-error';
import { type ServiceContext } from '../service-context';
import { type LicenseRow } from './license-repository';

/**
 * The license a device speaks for: known, for this product, not stopped, and bound to this very device (a license
 * activated elsewhere since answers `moved`, SPEC §4).
 */
export async function licenseForDevice(
  ctx: ServiceContext,
  input: { licenseNumber: string; device?: string; product?: string },
): Promise<LicenseRow> {
  const number = parseLicenseNumber(input.licenseNumber);
  if (!number.ok) throw new DomainError(number.code, 'not a valid license number');
  const license = await ctx.licenses.findByNumber(number.value);
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
