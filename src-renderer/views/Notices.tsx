import { useTranslation } from 'react-i18next';
import { type LaunchState } from '../../src-shared/ipc/launch-state';
import { formatDate, formatInstant } from '../format/date';

/** The launch notices, in the order the rules engine lists them; each worded by the catalogs. */
export function Notices({ state }: { state: LaunchState }) {
  const { t, i18n } = useTranslation();
  const license = state.license;
  if (state.notices.length === 0 || !license) return null;
  const text = (notice: LaunchState['notices'][number]): string => {
    switch (notice) {
      case 'needs-online-check':
        return t('notices.needs-online-check', {
          date: state.online.trustedUntil ? formatInstant(state.online.trustedUntil, i18n.language) : '',
        });
      case 'connect-network':
        return t('notices.connect-network');
      case 'renewal-unpaid': {
        const placed = state.renewal.placed;
        const method = placed ? t(`paymentMethod.${placed.method}`) : '';
        return placed?.dueOn
          ? t('notices.renewal-unpaid-due', { method, date: formatDate(placed.dueOn, i18n.language) })
          : t('notices.renewal-unpaid', { method });
      }
      case 'support-suspended': {
        const support = license.support;
        if (support?.state !== 'suspended') return t('notices.support-suspended-generic');
        return t('notices.support-suspended', {
          number: support.cause.licenseNumberMasked,
          product: support.cause.productName,
          endedOn: formatDate(support.cause.endedOn, i18n.language),
          suspendedFrom: formatDate(support.cause.suspendedFrom, i18n.language),
        });
      }
      case 'reminder-2-months':
        return t('notices.reminder-2-months', { date: formatDate(license.termEnd, i18n.language) });
      case 'reminder-20-days':
        return t('notices.reminder-20-days', { days: license.daysRemaining, date: formatDate(license.termEnd, i18n.language) });
    }
  };
  return (
    <ul className="notices" aria-label={t('home.noticesLabel')}>
      {state.notices.map((notice) => (
        // The live region sits inside the item: a list may only hold list items (role="status" on the <li> took
        // its listitem role away).
        <li key={notice} className={`notice notice-${notice}`} data-notice={notice}>
          <span role="status">{text(notice)}</span>
        </li>
      ))}
    </ul>
  );
}
