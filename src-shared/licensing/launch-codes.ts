/** Startup screens the renderer knows how to show (SPEC §5). */
export const SCREEN_CODES = [
  'none',
  'activate',
  'renew-now',
  'renewal-web-page',
  'repurchase',
  'trial-ended',
  'license-moved',
  'license-stopped',
] as const;
export type ScreenCode = (typeof SCREEN_CODES)[number];

export const REMINDER_NOTICE_CODES = ['reminder-2-months', 'reminder-20-days'] as const;
export type ReminderNoticeCode = (typeof REMINDER_NOTICE_CODES)[number];

/** Notices shown beside the product (and, for reminders, once as an OS notification). Listed in display order. */
export const NOTICE_CODES = ['connect-network', ...REMINDER_NOTICE_CODES] as const;
export type NoticeCode = (typeof NOTICE_CODES)[number];

export const LICENSE_STATES = ['active', 'moved', 'revoked', 'cancelled'] as const;
export type LicenseState = (typeof LICENSE_STATES)[number];
