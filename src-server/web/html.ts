import { type Locale, messages, type Messages } from '../../src-shared/messages';
import { formatJapaneseDate } from '../text/format';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

/** Tagged template that escapes every interpolated value unless it is already rendered HTML. */
export class Html {
  constructor(readonly text: string) {}
}
export function html(strings: TemplateStringsArray, ...values: (string | number | Html | Html[] | null | false)[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    if (value instanceof Html) out += value.text;
    else if (Array.isArray(value)) out += value.map((v) => v.text).join('');
    else if (value !== null && value !== false) out += escapeHtml(value);
    out += strings[i + 1]!;
  });
  return new Html(out);
}

/** Reads a message from the shared catalogs, filling {{name}} placeholders. */
export function translator(locale: Locale) {
  return (key: string, vars: Record<string, string | number> = {}): string => {
    const text = key
      .split('.')
      .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages[locale] as Messages);
    const found = typeof text === 'string' ? text : key;
    return found.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => String(vars[name] ?? ''));
  };
}

/**
 * 'YYYY-MM-DD' (a JST calendar date) as 2027年3月31日 / Wed, 31 March 2027, without any time-zone conversion: the
 * date is the JST day the service means, whatever the reader's time zone.
 */
export function formatDateText(date: string, locale: Locale): string {
  if (locale === 'ja') return formatJapaneseDate(date);
  const [y, m, d] = date.split('-').map(Number);
  const at = new Date(Date.UTC(y!, m! - 1, d!));
  const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' }).format(at);
  const month = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(at);
  return `${weekday}, ${d} ${month} ${y}`;
}

/** A range: 9:30〜12:00 in Japanese, 9:30–12:00 in English. */
export function rangeText(from: string, to: string, locale: Locale): string {
  return locale === 'ja' ? `${from}〜${to}` : `${from}–${to}`;
}

/** A spaced range of dates, as a term is written. */
export function formatTermText(term: { start: string; end: string }, locale: Locale): string {
  const from = formatDateText(term.start, locale);
  const to = formatDateText(term.end, locale);
  return locale === 'ja' ? `${from} 〜 ${to}` : `${from} – ${to}`;
}

/** A list in running text: 、 in Japanese, commas in English. */
export function joinList(items: string[], locale: Locale): string {
  return items.join(locale === 'ja' ? '、' : ', ');
}

const WESTERN: Record<string, string> = {
  '（': ' (',
  '）': ')',
  '、': ', ',
  '。': '. ',
  '「': '“',
  '」': '”',
  '：': ': ',
  '〜': '–',
};

/**
 * Catalog names written for Japanese readers (シミュレーションアドイン（動作期間限定）) with Western punctuation for
 * the English page. The names themselves stay: they are what the product and the invoice call things.
 */
export function westernPunctuation(text: string): string {
  return text
    .replace(/[（）、。「」：〜]/g, (ch) => WESTERN[ch]!)
    .replace(/ {2,}/g, ' ')
    .replace(/\( /g, '(')
    .trim();
}
