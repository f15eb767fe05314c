import { z } from 'zod';
import { ERROR_CODES } from '../contracts/error-codes';
import { PlacedRenewalSchema } from '../contracts/http';
import { IsoDate, IsoInstant } from '../contracts/signed-license';
import { NOTICE_CODES, SCREEN_CODES } from '../licensing/launch-codes';
import { EDITIONS } from '../licensing/license-kind';
import { LicenseViewSchema } from './license-status';

/** The product this app is, from the catalog: what the activation and trial screens need before any license. */
export const AppProductSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    editions: z.array(z.enum(EDITIONS)),
    /** Days of the trial the product offers, null when it has none (seed 001 has 30). */
    trialDays: z.number().int().positive().nullable(),
    purchaseUrl: z.string().nullable(),
  })
  .strict();
export type AppProduct = z.infer<typeof AppProductSchema>;

export const SupportInfoSchema = z
  .object({
    phone: z.string(),
    hours: z.array(z.object({ from: z.string(), to: z.string() }).strict()),
    webFormUrl: z.string(),
    /** Whether the phone line is staffed at `LaunchState.now` (business days, JST). */
    phoneOpenNow: z.boolean(),
    /** Seed 002's notice: individual technical support may be charged for. */
    paidIndividualSupport: z.boolean(),
  })
  .strict();
export type SupportInfo = z.infer<typeof SupportInfoSchema>;

export const RenewalInfoSchema = z
  .object({
    /**
     * How this license is renewed: the in-app wizard (package), the web page (download), by itself online (seed
     * 001's subscription), or bought again.
     */
    path: z.enum(['wizard', 'web-page', 'automatic', 'repurchase', 'none']),
    windowOpen: z.boolean(),
    /** The first day renewal is accepted; null when the license cannot be renewed. */
    opensOn: IsoDate.nullable(),
    /** A renewal already placed and not settled, as the service last said. */
    placed: PlacedRenewalSchema.nullable(),
  })
  .strict();
export type RenewalInfo = z.infer<typeof RenewalInfoSchema>;

export const OnlineInfoSchema = z
  .object({
    /** Last time the service confirmed the license (a signed answer), null if never. */
    lastCheck: IsoInstant.nullable(),
    /** Last attempt, successful or not, and what went wrong if it failed. */
    lastAttempt: IsoInstant.nullable(),
    lastError: z.enum(ERROR_CODES).nullable(),
    checking: z.boolean(),
    /** Until when the signed lease lets the app work without the service (grace included). */
    trustedUntil: IsoInstant.nullable(),
    /** The latest time this installation has seen (clock, signed issue times); a clock before it is a rollback. */
    latestSeen: IsoInstant.nullable(),
  })
  .strict();

/** What the app may do now and why: the answer of every launch, pushed again whenever it changes. */
export const LaunchStateSchema = z
  .object({
    appVersion: z.string(),
    /** The instant the decision was made for (the service's demo clock in demo mode). */
    now: IsoInstant,
    product: AppProductSchema,
    canStart: z.boolean(),
    screen: z.enum(SCREEN_CODES),
    notices: z.array(z.enum(NOTICE_CODES)),
    license: LicenseViewSchema.nullable(),
    /** Why the stored license (or the store itself) could not be used, if it could not. */
    problem: z.enum(ERROR_CODES).nullable(),
    online: OnlineInfoSchema,
    renewal: RenewalInfoSchema,
    support: SupportInfoSchema,
  })
  .strict();
export type LaunchState = z.infer<typeof LaunchStateSchema>;
