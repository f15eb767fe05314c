import { type Edition } from '../../src-shared/licensing';
import { DomainError } from '../domain/domain-error';
import { type ServiceContext } from '../service-context';
import { issueLicense } from './license-issuer';
import { type LicenseRow } from './license-repository';

/** A trial license bound to the device, once per device and product (seed 001), in one write transaction. */
export async function startTrial(
  ctx: ServiceContext,
  input: { product: string; edition: Edition; device: string; acceptedAt: string; term: { start: string; end: string } },
): Promise<LicenseRow> {
  return ctx.store.withTransaction(async () => {
    if (await ctx.trials.used(input.device, input.product))
      throw new DomainError('trial-already-used', 'this device has already had its trial');
    const { license } = await issueLicense(ctx, {
      product: input.product,
      edition: input.edition,
      start: input.term.start,
      end: input.term.end,
      trial: true,
      device: input.device,
    });
    await ctx.trials.record({
      device: input.device,
      product: input.product,
      licenseId: license.id,
      acceptedAt: input.acceptedAt,
    });
    return license;
  });
}
