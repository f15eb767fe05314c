import { useTranslation } from 'react-i18next';
import { type LicenseStatus } from '../../src-shared/ipc/license-status';
import { ErrorMessage } from '../app/ErrorMessage';
import { formatDate, formatInstant } from '../format/date';

/** ヘルプ → バージョン情報: what support asks for on the phone, readable at a glance. */
export function VersionInfo({ status, onClose }: { status: LicenseStatus; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const license = status.license;
  const remaining = (days: number) =>
    days > 0
      ? t('versionInfo.daysLeft', { count: days })
      : days === 0
        ? t('versionInfo.endsToday')
        : t('versionInfo.expiredDays', { count: -days });
  return (
    <div className="dialog-backdrop">
      <section className="dialog" role="dialog" aria-modal="true" aria-labelledby="version-info-title">
        <h2 id="version-info-title">{t('versionInfo.title')}</h2>
        <dl className="facts">
          <dt>{t('versionInfo.productVersion')}</dt>
          <dd data-testid="app-version">{status.appVersion}</dd>
          {license && (
            <>
              <dt>{t('versionInfo.product')}</dt>
              <dd>
                {license.productName} {t(`edition.${license.edition}`)}
              </dd>
              <dt>{t('versionInfo.licenseNumber')}</dt>
              <dd data-testid="license-number">{license.licenseNumberMasked}</dd>
              <dt>{t('versionInfo.deviceNumber')}</dt>
              <dd>{license.deviceNumberShort}</dd>
              <dt>{t('versionInfo.termStart')}</dt>
              <dd>
                <time dateTime={license.termStart}>{formatDate(license.termStart, i18n.language)}</time>
              </dd>
              <dt>{t('versionInfo.termEnd')}</dt>
              <dd>
                <time data-testid="term-end" dateTime={license.termEnd}>
                  {formatDate(license.termEnd, i18n.language)}
                </time>
              </dd>
              <dt>{t('versionInfo.daysRemaining')}</dt>
              <dd data-testid="days-remaining" className={license.daysRemaining < 0 ? 'expired' : undefined}>
                {remaining(license.daysRemaining)}
              </dd>
              <dt>{t('versionInfo.options')}</dt>
              <dd>
                {license.options.length === 0
                  ? t('versionInfo.noOptions')
                  : license.options.map((o) => (
                      <span key={o.code} className="option" data-option-end={o.end}>
                        {t('versionInfo.optionUntil', { label: o.label, date: formatDate(o.end, i18n.language) })}
                      </span>
                    ))}
              </dd>
              <dt>{t('versionInfo.lastOnlineCheck')}</dt>
              <dd>{license.lastOnlineCheck ? formatInstant(license.lastOnlineCheck, i18n.language) : t('versionInfo.never')}</dd>
            </>
          )}
        </dl>
        {!license && !status.problem && <p>{t('versionInfo.notActivated')}</p>}
        {status.problem && <ErrorMessage code={status.problem} />}
        <div className="actions">
          <button type="button" className="primary" onClick={onClose} autoFocus>
            {t('versionInfo.close')}
          </button>
        </div>
      </section>
    </div>
  );
}
