import { useTranslation } from 'react-i18next';
import { type LaunchState } from '../../src-shared/ipc/launch-state';
import { type LicenseSupportView } from '../../src-shared/ipc/license-status';
import { ErrorMessage } from '../app/ErrorMessage';
import { formatDate, formatEraDate, formatInstant } from '../format/date';
import { Dialog } from './Dialog';
import { RenewalEntry, type RenewalActions } from './RenewalEntry';
import { remainingText } from './remaining-text';
import { UpdateDisabledNote } from '../update/UpdateDisabledNote';

/** A term date in the western form, with the Japanese era form beside it in Japanese (令和8年11月30日). */
function TermDate({ date, testId }: { date: string; testId?: string }) {
  const { i18n } = useTranslation();
  return (
    <>
      <time data-testid={testId} dateTime={date}>
        {formatDate(date, i18n.language)}
      </time>
      {i18n.language === 'ja' && (
        <span className="era" data-testid={testId ? `${testId}-era` : undefined}>
          （{formatEraDate(date)}）
        </span>
      )}
    </>
  );
}

/** Seed 003: this license's support among the customer's licenses; when suspended, which license ended and what to do. */
function SupportStateText({ support }: { support: LicenseSupportView }) {
  const { t, i18n } = useTranslation();
  switch (support.state) {
    case 'active':
      return t('versionInfo.supportActive');
    case 'suspended':
      return (
        <>
          {t('versionInfo.supportSuspended', { date: formatDate(support.cause.suspendedFrom, i18n.language) })}
          <span className="support-cause">
            {t('versionInfo.supportSuspendedCause', {
              number: support.cause.licenseNumberMasked,
              product: support.cause.productName,
              date: formatDate(support.cause.endedOn, i18n.language),
            })}
          </span>
        </>
      );
    case 'ended-continues':
      return t('versionInfo.supportEndedContinues');
    case 'ended-stopped':
      return t('versionInfo.supportEndedStopped');
  }
}

/** ヘルプ → バージョン情報: everything SPEC §5 lists, readable at a glance, as support asks for it on the phone. */
export function VersionInfo({ state, actions, onClose }: { state: LaunchState; actions: RenewalActions; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const license = state.license;
  return (
    <Dialog labelledBy="version-info-title" onClose={onClose}>
      <h2 id="version-info-title">{t('versionInfo.title')}</h2>
      <dl className="facts">
        <dt>{t('versionInfo.productVersion')}</dt>
        <dd data-testid="app-version">{state.appVersion}</dd>
        <dt>{t('versionInfo.product')}</dt>
        <dd>
          {license ? license.productName : state.product.name}
          {license && ` ${t(`edition.${license.edition}`)}`}
          {license?.trial && <span className="badge">{t('versionInfo.trial')}</span>}
        </dd>
        {license && (
          <>
            <dt>{t('versionInfo.licenseNumber')}</dt>
            <dd data-testid="license-number">{license.licenseNumberMasked}</dd>
            <dt>{t('versionInfo.deviceNumber')}</dt>
            <dd>{license.deviceNumberShort}</dd>
            <dt>{t('versionInfo.termStart')}</dt>
            <dd>
              <TermDate date={license.termStart} />
            </dd>
            <dt>{t('versionInfo.termEnd')}</dt>
            <dd>
              <TermDate date={license.termEnd} testId="term-end" />
            </dd>
            <dt>{t('versionInfo.daysRemaining')}</dt>
            <dd data-testid="days-remaining" className={license.daysRemaining < 0 ? 'expired' : undefined}>
              {remainingText(t, license.daysRemaining)}
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
            {license.support && (
              <>
                <dt>{t('versionInfo.supportState')}</dt>
                <dd data-testid="support-state" data-state={license.support.state}>
                  <SupportStateText support={license.support} />
                </dd>
              </>
            )}
            <dt>{t('versionInfo.lastOnlineCheck')}</dt>
            <dd data-testid="last-online-check">
              {license.lastOnlineCheck ? formatInstant(license.lastOnlineCheck, i18n.language) : t('versionInfo.never')}
            </dd>
          </>
        )}
      </dl>
      <UpdateDisabledNote />
      {!license && !state.problem && <p>{t('versionInfo.notActivated')}</p>}
      {state.problem && <ErrorMessage code={state.problem} />}
      {license && state.canStart && <RenewalEntry state={state} actions={actions} labels="versionInfo" />}
    </Dialog>
  );
}
