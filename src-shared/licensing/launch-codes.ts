/** Startup screens the renderer knows how to show (SPEC §5), one component each in an exhaustive map. */
export const SCREEN_CODES = [
  'none',
  'activate',
  'renew-now',
  'renewal-web-page',
  'repurchase',
  'trial-ended',
  'license-moved',
  'license-stopped',
  /** The signed lease ran out (plus grace) without the service confirming the license. */
  'needs-online-check',
  /** The clock is earlier than a time this installation has already seen. */
  'clock-rollback',
  /** The license store cannot be opened (a newer version's database, or locked by another program). */
  'store-unavailable',
  /**
   * Seed 003: the customer renewed some of its licenses and not this one, so this one can no longer be used
   * (signed `support.state: 'ended-stopped'`).
   */
  'license-not-renewed',
] as const;
export type ScreenCode = (typeof SCREEN_CODES)[number];

export const REMINDER_NOTICE_CODES = ['reminder-2-months', 'reminder-20-days'] as const;
export type ReminderNoticeCode = (typeof REMINDER_NOTICE_CODES)[number];

/** Notices shown beside the product (and, for reminders, once as an OS notification). Listed in display order. */
export const NOTICE_CODES = [
  'needs-online-check',
  'connect-network',
  'renewal-unpaid',
  /** Seed 003: another license of the customer ended first and was not renewed; this one's support is suspended. */
  'support-suspended',
  ...REMINDER_NOTICE_CODES,
] as const;
export type NoticeCode = (typeof NOTICE_CODES)[number];

export const LICENSE_STATES = ['active', 'moved', 'revoked', 'cancelled'] as const;
export type LicenseState = (typeof LICENSE_STATES)[number];

/**
 * The support state of this license among the customer's licenses (seed 003, `customerSupportStates`), as the
 * service signs it. `withdrawn` is not among them: a cancelled or revoked license is already stopped by its `state`.
 */
export const LICENSE_SUPPORT_STATES = ['active', 'suspended', 'ended-continues', 'ended-stopped'] as const;
export type LicenseSupportState = (typeof LICENSE_SUPPORT_STATES)[number];
