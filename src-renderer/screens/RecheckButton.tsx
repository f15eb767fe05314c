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
    setBusy(true);
    setFailed(false);
    onRecheck()
      .catch(() => setFailed(true))
      .finally(() => setBusy(false));
  };
  return (
    <>
      <button type="button" className={primary ? 'primary' : undefined} onClick={click} disabled={busy}>
        {busy ? t('screens.checking') : (label ?? t('screens.recheck'))}
      </button>
      {failed && <p className="muted">{t('screens.checkFailed')}</p>}
    </>
  );
}
