import { z } from 'zod';
import { ERROR_CODES } from '../contracts/error-codes';
import { IsoInstant } from '../contracts/signed-license';

/**
 * Why the app does not ask for updates at all: the signed term has ended and no renewal is placed, there is no
 * license (or it was stopped by the vendor), the license's support is suspended because another license of the
 * customer ended first (seed 003), or this is an unpackaged development build that cannot update itself.
 */
export const UPDATE_DISABLED_REASONS = [
  'term-ended',
  'not-activated',
  'license-stopped',
  'support-suspended',
  'development',
] as const;
export type UpdateDisabledReason = (typeof UPDATE_DISABLED_REASONS)[number];

/** Which step an error interrupted: a background check is told quietly, a download or install the user started is not. */
export const UPDATE_STEPS = ['check', 'download', 'install'] as const;

const Version = z.string().min(1).max(64);
const Bytes = z.number().int().nonnegative();

/** The updater's state, pushed to the renderer as `update:state` events and answered by the `update:state` channel. */
export const UpdateStateSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('idle') }).strict(),
  z.object({ status: z.literal('disabled'), reason: z.enum(UPDATE_DISABLED_REASONS) }).strict(),
  z.object({ status: z.literal('checking') }).strict(),
  z
    .object({
      status: z.literal('available'),
      version: Version,
      /** Plain text from the release's channel file (never rendered as HTML); null when it has none. */
      releaseNotes: z.string().max(20_000).nullable(),
      /** The release date from the channel file; null when it has none. */
      date: IsoInstant.nullable(),
    })
    .strict(),
  z.object({ status: z.literal('not-available') }).strict(),
  z
    .object({
      status: z.literal('downloading'),
      version: Version,
      percent: z.number().min(0).max(100),
      bytesPerSecond: z.number().nonnegative(),
      transferred: Bytes,
      total: Bytes,
    })
    .strict(),
  z.object({ status: z.literal('downloaded'), version: Version }).strict(),
  z.object({ status: z.literal('error'), code: z.enum(ERROR_CODES), during: z.enum(UPDATE_STEPS) }).strict(),
]);
export type UpdateState = z.infer<typeof UpdateStateSchema>;
export type UpdateStatus = UpdateState['status'];

/** What `update:install` answers: the browser host only simulates the final step, and says so. */
export const UpdateInstallSchema = z.object({ installing: z.literal(true), simulated: z.boolean() }).strict();
export type UpdateInstall = z.infer<typeof UpdateInstallSchema>;
