import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A modal dialog of the app: its title, its content, and 閉じる focused first. */
export function Dialog({
  labelledBy,
  label,
  children,
  onClose,
}: {
  labelledBy?: string;
  label?: string;
  children: ReactNode;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="dialog-backdrop">
      <section className="dialog" role="dialog" aria-modal="true" aria-labelledby={labelledBy} aria-label={label}>
        {children}
        <div className="actions">
          <button type="button" className="primary" onClick={onClose} autoFocus>
            {t('versionInfo.close')}
          </button>
        </div>
      </section>
    </div>
  );
}
