import { en } from './en';
import { ja, type Messages } from './ja';

export const LOCALES = ['ja', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'ja';
export const messages: Record<Locale, Messages> = { ja, en };
export type { Messages };
