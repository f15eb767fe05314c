/** Yen as the quote gives it (never recomputed here): ¥48,400. */
export function formatYen(amount: number, locale: string): string {
  return new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-JP', { style: 'currency', currency: 'JPY' }).format(amount);
}
