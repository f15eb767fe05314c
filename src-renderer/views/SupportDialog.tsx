import { useTranslation } from 'react-i18next';
import { type LaunchState } from '../../src-shared/ipc/launch-state';
import { SupportContact } from './SupportContact';

/** ヘルプ → サポート: the support desk, reachable from the menu as from every blocking screen. */
export function SupportDialog({ state, onWebForm, onClose }: { state: LaunchState; onWebForm: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-label={t('support.title')}>
        <SupportContact support={state.support} onWebForm={onWebForm} />
        <div className="actions">
          <button type="button" className="primary" onClick={onClose} autoFocus>
            {t('support.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
