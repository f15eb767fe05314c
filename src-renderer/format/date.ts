// 'YYYY-MM-DD' strings are already Asia/Tokyo dates; format them as calendar dates without any zone shift.
function toUtcDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}

export function formatDate(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
  }).format(toUtcDate(date));
}

/** The Japanese era form (令和8年11月30日), which many users and their paperwork still use beside the western date. */
export function formatEraDate(date: string): string {
  return new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
    timeZone: 'UTC',
    era: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(toUtcDate(date));
}

/** Instants are shown in Japan time, as the vendor's documents and support desk use it. */
export function formatInstant(instant: string, locale: string): string {
  return new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'Asia/Tokyo',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(instant));
}

/** The JST calendar date of an instant ('YYYY-MM-DD'). */
export function jstDate(instant: string): string {
  return new Date(Date.parse(instant) + 9 * 3_600_000).toISOString().slice(0, 10);
}
