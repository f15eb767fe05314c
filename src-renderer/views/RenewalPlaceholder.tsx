import { useTranslation } from 'react-i18next';
import { type LaunchState } from '../../src-shared/ipc/launch-state';
import { SupportContact } from './SupportContact';

/** Where 今スグ更新する leads until the in-app renewal wizard lands (the renewal issue replaces this view). */
export function RenewalPlaceholder({
  state,
  onBack,
  onWebForm,
}: {
  state: LaunchState;
  onBack: () => void;
  onWebForm: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="renewal-title">
      <h1 id="renewal-title">{t('renewalPlaceholder.title')}</h1>
      <p>{t('renewalPlaceholder.body')}</p>
      <SupportContact support={state.support} onWebForm={onWebForm} />
      <div className="actions start">
        <button type="button" onClick={onBack}>
          {t('renewalPlaceholder.back')}
        </button>
      </div>
    </section>
  );
}
