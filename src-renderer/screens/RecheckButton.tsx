import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** 再確認する: asks the service now; says so when it could not be reached. */
export function RecheckButton({
  onRecheck,
  label,
  primary = true,
}: {
  onRecheck: () => Promise<void>;
  label?: string;
  primary?: boolean;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const click = () => {
    if (busy) return;
    setBusy(true);
    setFailed(false);
    onRecheck()
      .catch(() => setFailed(true))
      .finally(() => setBusy(false));
  };
  return (
    <>
      {/* aria-disabled, not disabled: a disabled button drops the keyboard focus to the top of the window. */}
      <button type="button" className={primary ? 'primary' : undefined} onClick={click} aria-disabled={busy}>
        {busy ? t('screens.checking') : (label ?? t('screens.recheck'))}
      </button>
      {failed && <p className="muted">{t('screens.checkFailed')}</p>}
    </>
  );
}
