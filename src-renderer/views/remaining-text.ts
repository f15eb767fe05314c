import { type TFunction } from 'i18next';

/** 'あと12日' / '本日まで' / '有効期限を3日過ぎています', worded by the catalogs. */
export function remainingText(t: TFunction, days: number): string {
  if (days > 0) return t('versionInfo.daysLeft', { count: days });
  if (days === 0) return t('versionInfo.endsToday');
  return t('versionInfo.expiredDays', { count: -days });
}
