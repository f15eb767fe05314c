import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../app/ErrorMessage';
import { formatDate, formatInstant } from '../format/date';
import { Activation } from '../views/Activation';
import { TrialStart } from '../views/TrialStart';
import { BlockingScreen } from './BlockingScreen';
import { RecheckButton } from './RecheckButton';
import { type ScreenProps } from './screen-props';

const termEnd = (props: ScreenProps, locale: string) =>
  props.state.license ? formatDate(props.state.license.termEnd, locale) : '';

/** ライセンス認証, with the trial beside it when the product has one. */
export function ActivateScreen({ state, actions }: ScreenProps) {
  return (
    <div className="stack">
      {state.problem && <ErrorMessage code={state.problem} />}
      <Activation onActivated={actions.set} />
      {state.product.trialDays !== null && <TrialStart days={state.product.trialDays} onStarted={actions.set} />}
    </div>
  );
}

/**
 * Package edition after its term (seed 000): a perpetual license still starts; a subscription sold as a package
 * (seed 004) does not. Either way 今スグ更新する leads to the renewal wizard.
 */
export function RenewNowScreen(props: ScreenProps) {
  const { t, i18n } = useTranslation();
  return (
    <BlockingScreen id="renew-now" title={t('screens.renewNow.title')} {...props} support={false}>
      <p>
        {t(props.state.canStart ? 'screens.renewNow.body' : 'screens.renewNow.bodyStopped', {
          date: termEnd(props, i18n.language),
        })}
      </p>
      <div className="actions start">
        <button type="button" className="primary" onClick={props.actions.renew}>
          {t('screens.renewNow.renew')}
        </button>
        {props.state.canStart && (
          <button type="button" onClick={props.actions.continueToProduct}>
            {t('screens.renewNow.continue')}
          </button>
        )}
      </div>
    </BlockingScreen>
  );
}

/**
 * Renewed on the web page after its term: a subscription does not start; a perpetual license bought direct (the
 * modelling tool) still starts and is resumed there.
 */
export function RenewalWebPageScreen(props: ScreenProps) {
  const { t, i18n } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <BlockingScreen id="renewal-web-page" title={t('screens.renewalWebPage.title')} {...props}>
      <p>
        {t(props.state.canStart ? 'screens.renewalWebPage.bodyStarts' : 'screens.renewalWebPage.body', {
          date: termEnd(props, i18n.language),
        })}
      </p>
      <div className="actions start">
        <button
          type="button"
          className="primary"
          onClick={() => {
            props.actions.open('renewal-page');
            setOpened(true);
          }}
        >
          {t('screens.renewalWebPage.open')}
        </button>
        <RecheckButton onRecheck={props.actions.recheck} label={t('screens.renewalWebPage.recheck')} primary={false} />
        {props.state.canStart && (
          <button type="button" onClick={props.actions.continueToProduct}>
            {t('screens.renewalWebPage.continue')}
          </button>
        )}
      </div>
      {opened && <p role="status">{t('screens.renewalWebPage.opened')}</p>}
    </BlockingScreen>
  );
}

/** Annual licenses and terms past the resumption limit: only a new purchase (perpetual ones still start). */
export function RepurchaseScreen(props: ScreenProps) {
  const { t } = useTranslation();
  const annual = props.state.license?.kind === 'annual';
  return (
    <BlockingScreen id="repurchase" title={t('screens.repurchase.title')} {...props}>
      <p>{annual ? t('screens.repurchase.annual') : t('screens.repurchase.limit')}</p>
      {props.state.canStart && <p>{t('screens.repurchase.keepsWorking')}</p>}
      <div className="actions start">
        <button type="button" className="primary" onClick={() => props.actions.open('purchase-page')}>
          {t('screens.repurchase.purchase')}
        </button>
        {props.state.canStart && (
          <button type="button" onClick={props.actions.continueToProduct}>
            {t('screens.repurchase.continue')}
          </button>
        )}
      </div>
    </BlockingScreen>
  );
}

export function TrialEndedScreen(props: ScreenProps) {
  const { t, i18n } = useTranslation();
  return (
    <div className="stack">
      <BlockingScreen id="trial-ended" title={t('screens.trialEnded.title')} {...props} support={false}>
        <p>{t('screens.trialEnded.body', { date: termEnd(props, i18n.language) })}</p>
        <div className="actions start">
          <button type="button" onClick={() => props.actions.open('purchase-page')}>
            {t('screens.trialEnded.purchase')}
          </button>
        </div>
      </BlockingScreen>
      <Activation onActivated={props.actions.set} level={2} />
    </div>
  );
}

/** 「このライセンスは別の端末で使用されています」, with re-activation on this device. */
export function LicenseMovedScreen(props: ScreenProps) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <BlockingScreen id="license-moved" title={t('screens.licenseMoved.title')} {...props} support={false}>
        <p>{t('screens.licenseMoved.body')}</p>
      </BlockingScreen>
      <Activation onActivated={props.actions.set} level={2} />
    </div>
  );
}

export function LicenseStoppedScreen(props: ScreenProps) {
  const { t } = useTranslation();
  return (
    <BlockingScreen id="license-stopped" title={t('screens.licenseStopped.title')} {...props}>
      <p>{t('screens.licenseStopped.body')}</p>
    </BlockingScreen>
  );
}

/** Seed 003: some of the customer's licenses were renewed and this one was not, so it can no longer be used. */
export function LicenseNotRenewedScreen(props: ScreenProps) {
  const { t, i18n } = useTranslation();
  const license = props.state.license;
  const support = license?.support;
  return (
    <BlockingScreen id="license-not-renewed" title={t('screens.licenseNotRenewed.title')} {...props}>
      <p>{t('screens.licenseNotRenewed.body', { number: license?.licenseNumberMasked ?? '' })}</p>
      {support?.state === 'ended-stopped' && (
        <p data-testid="not-renewed-cause">
          {t('screens.licenseNotRenewed.cause', {
            date: formatDate(support.cause.renewedOn, i18n.language),
            other: support.cause.licenseNumberMasked,
            product: support.cause.productName,
          })}
        </p>
      )}
      <p>{t('screens.licenseNotRenewed.next')}</p>
      <div className="actions start">
        <RecheckButton onRecheck={props.actions.recheck} />
      </div>
    </BlockingScreen>
  );
}

export function NeedsOnlineCheckScreen(props: ScreenProps) {
  const { t } = useTranslation();
  return (
    <BlockingScreen id="needs-online-check" title={t('screens.needsOnlineCheck.title')} {...props}>
      <p>{t('screens.needsOnlineCheck.body')}</p>
      <div className="actions start">
        <RecheckButton onRecheck={props.actions.recheck} />
      </div>
    </BlockingScreen>
  );
}

export function ClockRollbackScreen(props: ScreenProps) {
  const { t, i18n } = useTranslation();
  const seen = props.state.license?.issuedAt ?? props.state.now;
  return (
    <BlockingScreen id="clock-rollback" title={t('screens.clockRollback.title')} {...props}>
      <p>{t('screens.clockRollback.body', { date: formatInstant(seen, i18n.language) })}</p>
      <div className="actions start">
        <RecheckButton onRecheck={props.actions.recheck} />
      </div>
    </BlockingScreen>
  );
}

export function StoreUnavailableScreen(props: ScreenProps) {
  const { t } = useTranslation();
  return (
    <BlockingScreen id="store-unavailable" title={t('screens.storeUnavailable.title')} {...props}>
      {props.state.problem && <ErrorMessage code={props.state.problem} />}
      <div className="actions start">
        <RecheckButton onRecheck={props.actions.recheck} label={t('screens.storeUnavailable.retry')} />
      </div>
    </BlockingScreen>
  );
}
