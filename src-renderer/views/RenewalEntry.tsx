import { useTranslation } from 'react-i18next';
import { type LaunchState } from '../../src-shared/ipc/launch-state';
import { formatDate } from '../format/date';

export type RenewalActions = { onRenew: () => void; onWebPage: () => void; onPurchase: () => void };

/** The way to renew, once the window is open; before that, the day it opens; for annual licenses, buying again. */
export function RenewalEntry({
  state,
  actions,
  labels,
}: {
  state: LaunchState;
  actions: RenewalActions;
  labels: 'home' | 'versionInfo';
}) {
  const { t, i18n } = useTranslation();
  const { renewal } = state;
  if (renewal.path === 'none') return null;
  if (renewal.path === 'automatic') return <p className="renewal-entry muted">{t('home.renewsAutomatically')}</p>;
  if (renewal.path === 'repurchase') {
    return (
      <div className="renewal-entry">
        <p>{t('home.repurchase')}</p>
        <button type="button" onClick={actions.onPurchase}>
          {t('home.purchase')}
        </button>
      </div>
    );
  }
  if (!renewal.windowOpen) {
    const opensOn = (
      <p className="renewal-entry muted" data-testid="renewal-opens-on">
        {t(`${labels}.renewalOpensOn`, { date: renewal.opensOn ? formatDate(renewal.opensOn, i18n.language) : '' })}
      </p>
    );
    // Seed 003: the licenses can be renewed together before this one's window opens (aligning terms means renewing
    // early); offered, as in the wizard, only when the service signed the support state of several licenses.
    if (renewal.path !== 'wizard' || !state.license?.support) return opensOn;
    return (
      <div className="renewal-entry">
        {opensOn}
        <button type="button" onClick={actions.onRenew}>
          {t('wizard.coTerm.renewTogether')}
        </button>
      </div>
    );
  }
  return (
    <div className="renewal-entry">
      {renewal.placed && <p>{t('home.renewalPlaced')}</p>}
      {renewal.path === 'wizard' ? (
        <button type="button" className="primary" onClick={actions.onRenew}>
          {t(`${labels}.renew`)}
        </button>
      ) : (
        <button type="button" className="primary" onClick={actions.onWebPage}>
          {t('home.renewWebPage')}
        </button>
      )}
    </div>
  );
}
