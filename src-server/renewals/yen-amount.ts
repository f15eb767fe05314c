/** The largest amount of money the desk may record at once: no renewal costs anywhere near a hundred million yen. */
export const MAX_YEN = 100_000_000;

export type YenParse = { ok: true; yen: number } | { ok: false; message: string };

/**
 * Reads an amount of yen typed by the vendor: decimal digits only (no sign, separators, exponent or hex: `0xbd10`
 * is not ¥48,400), at least ¥1 and at most MAX_YEN.
 */
export function parseYen(text: string): YenParse {
  const refuse = (why: string): YenParse => ({
    ok: false,
    message: `the amount must be whole yen in decimal digits, from 1 to ${MAX_YEN} (${why}): ${JSON.stringify(text)}`,
  });
  if (!/^[0-9]+$/.test(text)) return refuse('digits 0-9 only');
  if (text.length > String(MAX_YEN).length) return refuse('too large');
  const yen = Number(text);
  if (yen < 1) return refuse('zero');
  if (yen > MAX_YEN) return refuse('too large');
  return { ok: true, yen };
}

export function isYenAmount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 1 && value <= MAX_YEN;
}
