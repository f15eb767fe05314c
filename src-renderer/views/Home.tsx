import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type LaunchState } from '../../src-shared/ipc/launch-state';
import { formatDate, formatInstant } from '../format/date';
import { Notices } from './Notices';
import { RenewalEntry, type RenewalActions } from './RenewalEntry';
import { remainingText } from './remaining-text';

/** ご契約状況: the product window of this client, shown whenever the product may start. */
export function Home({
  state,
  actions,
  onRecheck,
}: {
  state: LaunchState;
  actions: RenewalActions;
  onRecheck: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const [checking, setChecking] = useState(false);
  const license = state.license;
  if (!license) return null;
  const busy = checking || state.online.checking;
  const recheck = () => {
    if (busy) return;
    setChecking(true);
    void onRecheck()
      .catch(() => {})
      .finally(() => setChecking(false));
  };
  return (
    <section className="panel wide" aria-labelledby="home-title">
      <h1 id="home-title">{t('home.title')}</h1>
      <Notices state={state} />
      <dl className="facts">
        <dt>{t('home.product')}</dt>
        <dd data-testid="home-product">
          {license.productName} {t(`edition.${license.edition}`)}
          {license.trial && <span className="badge">{t('versionInfo.trial')}</span>}
        </dd>
        <dt>{license.trial ? t('home.trialEnd') : t('home.termEnd')}</dt>
        <dd>
          <time data-testid="home-term-end" dateTime={license.termEnd}>
            {license.trial
              ? t('home.trialUntil', { date: formatDate(license.termEnd, i18n.language) })
              : formatDate(license.termEnd, i18n.language)}
          </time>
        </dd>
        <dt>{t('home.daysRemaining')}</dt>
        <dd data-testid="home-days-remaining" className={license.daysRemaining < 0 ? 'expired' : undefined}>
          {remainingText(t, license.daysRemaining)}
        </dd>
        {license.options.length > 0 && (
          <>
            <dt>{t('home.options')}</dt>
            <dd>
              {license.options.map((o) => (
                <span key={o.code} className="option">
                  {t('versionInfo.optionUntil', { label: o.label, date: formatDate(o.end, i18n.language) })}
                </span>
              ))}
            </dd>
          </>
        )}
        <dt>{t('home.lastOnlineCheck')}</dt>
        <dd>
          <span data-testid="home-last-check">
            {license.lastOnlineCheck ? formatInstant(license.lastOnlineCheck, i18n.language) : t('versionInfo.never')}
          </span>
          {/* aria-disabled, not disabled: a disabled button drops the keyboard focus to the top of the window. */}
          <button type="button" className="link" onClick={recheck} aria-disabled={busy}>
            {busy ? t('home.checking') : t('home.checkNow')}
          </button>
        </dd>
      </dl>
      <RenewalEntry state={state} actions={actions} labels="home" />
    </section>
  );
}
