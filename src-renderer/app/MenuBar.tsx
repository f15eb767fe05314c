import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Locale, LOCALES } from '../../src-shared/messages';
import { changeLocale } from '../i18n/i18n';

const LOCALE_NAMES: Record<Locale, string> = { ja: '日本語', en: 'English' };

const itemsOf = (menu: HTMLElement | null) => [...(menu?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];

/**
 * The in-window menu bar: the same in Electron and in the browser host. ヘルプ is a menu button as WAI-ARIA describes
 * it: it opens on its first item, the arrow keys (and Home, End) move through the items, Escape closes it back onto
 * ヘルプ, Tab or a click elsewhere closes it. A chosen item leaves the focus on ヘルプ, so a dialog it opens gives
 * the focus back there when it closes.
 */
export function MenuBar({ onVersionInfo, onSupport }: { onVersionInfo: () => void; onSupport: () => void }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<false | 'first' | 'last'>(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const items: [string, () => void][] = [
    ['menu.versionInfo', onVersionInfo],
    ['menu.support', onSupport],
  ];

  useEffect(() => {
    if (!open) return;
    const all = itemsOf(menu.current);
    (open === 'last' ? all.at(-1) : all[0])?.focus();
    const outside = (event: PointerEvent) => {
      if (!menu.current?.parentElement?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const onButtonKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(event.key === 'ArrowUp' ? 'last' : 'first');
    }
  };
  const onMenuKey = (event: KeyboardEvent) => {
    const all = itemsOf(menu.current);
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    const move = (index: number) => {
      event.preventDefault();
      all[(index + all.length) % all.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(all.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
      button.current?.focus();
    } else if (event.key === 'Tab') setOpen(false);
  };

  return (
    <nav className="menubar" aria-label={t('menu.bar')}>
      <span className="app-title">{t('app.title')}</span>
      <div className="menu">
        <button
          ref={button}
          type="button"
          aria-haspopup="menu"
          aria-expanded={open !== false}
          aria-controls={open ? 'help-menu' : undefined}
          onClick={() => setOpen(open ? false : 'first')}
          onKeyDown={onButtonKey}
        >
          {t('menu.help')}
        </button>
        {open && (
          <ul ref={menu} id="help-menu" role="menu" aria-label={t('menu.help')} onKeyDown={onMenuKey}>
            {items.map(([label, run]) => (
              <li role="none" key={label}>
                <button
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  onClick={() => {
                    setOpen(false);
                    button.current?.focus();
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
