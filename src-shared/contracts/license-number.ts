// License numbers are 16 Crockford base-32 characters in four groups, the last character a mod-37 check
// symbol, so a mistyped number is caught on the device before any request is made.
// Crockford's alphabet leaves out I, L, O and U; on input those read as 1, 1, 0 and V-free (U is rejected).
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECK_SYMBOLS = `${ALPHABET}*~$=U`;
export const LICENSE_BODY_LENGTH = 15;

export function checkSymbol(body: string): string {
  let remainder = 0;
  for (const ch of body) {
    const value = ALPHABET.indexOf(ch);
    if (value < 0) throw new RangeError(`not a license number character: ${ch}`);
    remainder = (remainder * 32 + value) % 37;
  }
  return CHECK_SYMBOLS[remainder] as string;
}

/** Upper-cases, drops spaces and hyphens, and maps the look-alikes Crockford allows (I, L → 1; O → 0). */
export function normalizeLicenseNumber(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s\-‐－ー—]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}

export function formatLicenseNumber(compact: string): string {
  return compact.match(/.{1,4}/g)?.join('-') ?? compact;
}

export type LicenseNumberCheck =
  { ok: true; value: string } | { ok: false; code: 'license-number-format' | 'license-number-check' };

/** Returns the canonical form `XXXX-XXXX-XXXX-XXXX` or why the input is not a license number. */
export function parseLicenseNumber(input: string): LicenseNumberCheck {
  const compact = normalizeLicenseNumber(input);
  if (compact.length !== LICENSE_BODY_LENGTH + 1) return { ok: false, code: 'license-number-format' };
  const body = compact.slice(0, LICENSE_BODY_LENGTH);
  const check = compact.slice(LICENSE_BODY_LENGTH);
  if (![...body].every((ch) => ALPHABET.includes(ch)) || !CHECK_SYMBOLS.includes(check))
    return { ok: false, code: 'license-number-format' };
  if (checkSymbol(body) !== check) return { ok: false, code: 'license-number-check' };
  return { ok: true, value: formatLicenseNumber(compact) };
}

/** Builds a license number from 15 random values in 0..31 (the caller supplies the randomness). */
export function licenseNumberFromDigits(digits: readonly number[]): string {
  if (digits.length !== LICENSE_BODY_LENGTH || digits.some((d) => !Number.isInteger(d) || d < 0 || d > 31)) {
    throw new RangeError('licenseNumberFromDigits needs 15 integers in 0..31');
  }
  const body = digits.map((d) => ALPHABET[d]).join('');
  return formatLicenseNumber(body + checkSymbol(body));
}

/** Shows only the last group, as support staff and the Version Info screen need: `****-****-****-AB7K`. */
export function maskLicenseNumber(formatted: string): string {
  const groups = formatted.split('-');
  return groups.map((g, i) => (i === groups.length - 1 ? g : '*'.repeat(g.length))).join('-');
}
