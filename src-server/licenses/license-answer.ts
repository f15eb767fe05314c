import { type LicenseResponse } from '../../src-shared/contracts/http';
import { type ServiceContext } from '../service-context';
import { supportFor } from './customer-support';
import { type LicenseRow } from './license-repository';
import { signLicense, signLicenseAsync } from './license-signer';

/**
 * Where the Ed25519 signature is computed: on libuv's thread pool, so the event loop serving HTTP keeps answering,
 * or on this very thread, for a validation worker, which has no HTTP to keep answering (a hop to the pool would
 * only add a hand-off).
 */
export type Signing = 'thread-pool' | 'this-thread';

/** What activation, validation and trial answer: the license signed for this device now, with the service's time. */
export async function signedAnswer(
  ctx: ServiceContext,
  license: LicenseRow,
  device: string,
  signing: Signing = 'thread-pool',
): Promise<LicenseResponse> {
  const now = ctx.clock();
  const support = await supportFor(ctx, license);
  const { leaseDays } = ctx.config;
  return {
    license:
      signing === 'this-thread'
        ? signLicense(ctx.key, license, device, now, leaseDays, support)
        : await signLicenseAsync(ctx.key, license, device, now, leaseDays, support),
    serverTime: now.toISOString(),
  };
}
