import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Locale, LOCALES } from '../../src-shared/messages';
import { changeLocale } from '../i18n/i18n';

const LOCALE_NAMES: Record<Locale, string> = { ja: '日本語', en: 'English' };

/** The in-window menu bar: the same in Electron and in the browser host. */
export function MenuBar({ onVersionInfo, onSupport }: { onVersionInfo: () => void; onSupport: () => void }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const items: [string, () => void][] = [
    ['menu.versionInfo', onVersionInfo],
    ['menu.support', onSupport],
  ];
  return (
    <nav className="menubar" aria-label="menu">
      <span className="app-title">{t('app.title')}</span>
      <div className="menu">
        <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
          {t('menu.help')}
        </button>
        {open && (
          <ul role="menu">
            {items.map(([label, run]) => (
              <li role="none" key={label}>
                <button
                  type="button"
                  role="menuitem"
                  onClick={() => {
                    setOpen(false);
                    run();
                  }}
                >
                  {t(label)}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <label className="locale">
        <span>{t('app.language')}</span>
        <select value={i18n.language} onChange={(e) => changeLocale(e.target.value as Locale)}>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
