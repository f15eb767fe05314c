// License numbers are 16 Crockford base-32 characters in four groups, the last character a check symbol, so a
// mistyped number is caught on the device before any request is made. Every character can be read aloud on the
// phone: Crockford's alphabet leaves out I, L, O and U; on input I and L read as 1, O as 0 (U is rejected).
//
// The check symbol is chosen so that the sum over GF(32) of (weight × value) over all 16 characters is 0, the weights
// being successive powers α¹⁵ … α¹, α⁰ of a primitive element α (docs/decisions.md, "License numbers (read aloud)").
// Numbers issued before that carry a mod-37 check symbol, which may be one of `* ~ $ = U`; they are still accepted.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LEGACY_CHECK_SYMBOLS = `${ALPHABET}*~$=U`;
export const LICENSE_BODY_LENGTH = 15;

/** GF(32) is GF(2)[x] / (x⁵ + x² + 1); α = x. Multiplying by α is a shift, reduced when x⁵ appears. */
const FIELD_SIZE = 32;
const REDUCTION = 0b100101;

function timesAlpha(value: number): number {
  const shifted = value << 1;
  return shifted >= FIELD_SIZE ? shifted ^ REDUCTION : shifted;
}

function symbolValue(ch: string): number {
  const value = ALPHABET.indexOf(ch);
  if (value < 0) throw new RangeError(`not a license number character: ${ch}`);
  return value;
}

/**
 * The check symbol for a 15-character body: Horner's rule gives the body weights α¹⁵ … α¹ and the check itself
 * weight 1, and since x + x = 0 in GF(2ᵏ), the symbol that makes the total 0 is the body's weighted sum itself.
 */
export function checkSymbol(body: string): string {
  let sum = 0;
  for (const ch of body) sum = timesAlpha(sum) ^ symbolValue(ch);
  return ALPHABET[timesAlpha(sum)] as string;
}

/** The mod-37 check symbol of numbers issued before the read-aloud scheme; kept only to accept those numbers. */
export function legacyCheckSymbol(body: string): string {
  let remainder = 0;
  for (const ch of body) remainder = (remainder * 32 + symbolValue(ch)) % 37;
  return LEGACY_CHECK_SYMBOLS[remainder] as string;
}

// Characters an IME or a copied e-mail puts between groups: hyphens, dashes, minus signs, the katakana long-vowel
// mark (ー, ｰ), soft hyphens, zero-width spaces and every kind of space, including the ideographic one.
const SEPARATORS = /[\s\p{Pd}\u00AD\u02D7\u2043\u200B-\u200D\u2060\u2212\u30FC\uFF70]/gu;
// A full-width tilde or a wave dash typed through an IME is the tilde of an old check symbol, not a separator.
const TILDES = /[\u301C\uFF5E]/g;

// ASCII characters that every step below leaves as they are, and the hyphen: for text made only of these, folding
// is dropping the hyphens (no I, L, O or lower case to map, nothing for NFKC to change).
const CANONICAL_CHARACTERS = /^[0-9A-HJKMNP-Z*~$=-]*$/;

/**
 * Folds what a user may type into the compact canonical form before validation: full-width letters and digits
 * (NFKC), lower case, spaces and every kind of hyphen or dash dropped, and Crockford's look-alikes I, L → 1 and O → 0.
 */
export function normalizeLicenseNumber(input: string): string {
  // Already canonical (what the app sends with every background check): only the group hyphens to drop.
  if (CANONICAL_CHARACTERS.test(input)) return input.replace(/-/g, '');
  return input
    .replace(TILDES, '~')
    .normalize('NFKC')
    .replace(SEPARATORS, '')
    .toUpperCase()
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}

export function formatLicenseNumber(compact: string): string {
  return compact.match(/.{1,4}/g)?.join('-') ?? compact;
}

export type LicenseNumberCheck =
  { ok: true; value: string } | { ok: false; code: 'license-number-format' | 'license-number-check' };

/** The check a valid number passes: the read-aloud one, or the mod-37 one of numbers issued before it. */
export type LicenseNumberScheme = 'read-aloud' | 'legacy-mod37';

function classify(compact: string): LicenseNumberScheme | 'license-number-format' | 'license-number-check' {
  if (compact.length !== LICENSE_BODY_LENGTH + 1) return 'license-number-format';
  const body = compact.slice(0, LICENSE_BODY_LENGTH);
  const check = compact.slice(LICENSE_BODY_LENGTH);
  if (![...body].every((ch) => ALPHABET.includes(ch)) || !LEGACY_CHECK_SYMBOLS.includes(check)) return 'license-number-format';
  if (checkSymbol(body) === check) return 'read-aloud';
  if (legacyCheckSymbol(body) === check) return 'legacy-mod37';
  return 'license-number-check';
}

/**
 * The scheme a license number was issued under, or null when it is not a valid number. A number valid under both
 * (about 1 in 37 of the new ones) counts as `read-aloud`. The service can use it to find numbers still to re-issue.
 */
export function licenseNumberScheme(input: string): LicenseNumberScheme | null {
  const verdict = classify(normalizeLicenseNumber(input));
  return verdict === 'read-aloud' || verdict === 'legacy-mod37' ? verdict : null;
}

/** Returns the canonical form `XXXX-XXXX-XXXX-XXXX` or why the input is not a license number. */
export function parseLicenseNumber(input: string): LicenseNumberCheck {
  const compact = normalizeLicenseNumber(input);
  const verdict = classify(compact);
  if (verdict === 'license-number-format' || verdict === 'license-number-check') return { ok: false, code: verdict };
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

/** Another license of the customer, named by the last group only (all the service signs of it), masked like ours. */
export function maskedFromLastGroup(last: string): string {
  return `****-****-****-${last}`;
}
