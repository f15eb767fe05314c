import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, type Locale, LOCALES, messages } from '../../src-shared/messages';

const STORAGE_KEY = 'locale';

function initialLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  return LOCALES.includes(saved as Locale) ? (saved as Locale) : DEFAULT_LOCALE;
}

/** Japanese first; English is a choice the user makes and the app remembers. */
export function initI18n(locale: Locale = initialLocale()): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: messages[l] }])),
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  document.documentElement.lang = locale;
  return i18next;
}

export function changeLocale(locale: Locale): void {
  void i18next.changeLanguage(locale);
  globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
}
