import { useTranslation } from 'react-i18next';
import { useUpdateState } from './update-store';

/** バージョン情報's one line on updates: why the app does not ask for them, when it does not. */
export function UpdateDisabledNote() {
  const { t } = useTranslation();
  const state = useUpdateState();
  if (state?.status !== 'disabled') return null;
  return (
    <p className="update-disabled" data-testid="update-disabled" data-reason={state.reason}>
      {t(`update.disabled.${state.reason}`)}
    </p>
  );
}
