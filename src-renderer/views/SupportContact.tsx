import { useTranslation } from 'react-i18next';
import { type SupportInfo } from '../../src-shared/ipc/launch-state';
import { DiagnosticsExport } from './DiagnosticsExport';

/** The vendor's support desk: phone, hours, whether the line is open now (decided in main, JST), and the web form. */
export function SupportContact({ support, onWebForm }: { support: SupportInfo; onWebForm: () => void }) {
  const { t } = useTranslation();
  const hours = support.hours.map((h) => `${h.from}–${h.to}`).join('、');
  return (
    <section className="support" aria-labelledby="support-title">
      <h2 id="support-title">{t('support.title')}</h2>
      <p>
        {t('support.phone')}: <a href={`tel:${support.phone}`}>{support.phone}</a>
        <span className={support.phoneOpenNow ? 'badge open' : 'badge closed'} data-testid="phone-open">
          {support.phoneOpenNow ? t('support.openNow') : t('support.closedNow')}
        </span>
      </p>
      <p className="muted">{t('support.hours', { hours })}</p>
      <button type="button" className="link" onClick={onWebForm}>
        {t('support.webForm')}
      </button>
      {support.paidIndividualSupport && (
        <p className="muted" data-testid="paid-support">
          {t('support.paidNotice')}
        </p>
      )}
      <DiagnosticsExport />
    </section>
  );
}
