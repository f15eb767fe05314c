import { type ReactNode, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useModal } from './use-modal';

/**
 * A modal dialog of the app: its title, its content, and 閉じる focused first. Escape closes it, the focus stays
 * inside while it is open and goes back to the opener when it closes.
 */
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
  const ref = useRef<HTMLElement>(null);
  useModal(ref, onClose);
  return (
    <div className="dialog-backdrop">
      <section ref={ref} className="dialog" role="dialog" aria-modal="true" aria-labelledby={labelledBy} aria-label={label}>
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
