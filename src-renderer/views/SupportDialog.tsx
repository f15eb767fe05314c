import { useTranslation } from 'react-i18next';
import { type LaunchState } from '../../src-shared/ipc/launch-state';
import { Dialog } from './Dialog';
import { SupportContact } from './SupportContact';

/** ヘルプ → サポート: the support desk, reachable from the menu as from every blocking screen. */
export function SupportDialog({ state, onWebForm, onClose }: { state: LaunchState; onWebForm: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog label={t('support.title')} onClose={onClose}>
      <SupportContact support={state.support} onWebForm={onWebForm} />
    </Dialog>
  );
}
