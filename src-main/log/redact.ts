// What must never reach a log file or a diagnostics export: license numbers (masked to the last group, as support
// reads them), license tokens, signatures, keys, card numbers and machine ids. Text is redacted by shape, objects
// also by the name of their fields, so a secret is caught whether it arrives in a message or in a detail.
// Every long pattern starts only at the beginning of a run (a lookbehind), so a long line costs linear time, not
// quadratic backtracking from every position.

const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)/g;
/** `<base64url payload>.<signature>`: the signed license as the update feed's header carries it. */
const LICENSE_TOKEN = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{16,}\.[A-Za-z0-9+/_-]{16,}={0,2}/g;
/** Padded base64 (signatures, raw keys): paths and words never end in `=`. */
const PADDED_BASE64 = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{16,}={1,2}(?![A-Za-z0-9+/_=-])/g;
/** 13 to 19 digits, spaced or hyphenated as people type a card number. */
const CARD_NUMBER = /(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)/g;
/** `7MP2-K9XD-4SAB-HR35` (and the legacy check symbols); the last group stays, as on the Version Info screen. */
const LICENSE_NUMBER = /(?<![0-9A-Za-z])[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-[0-9A-Za-z]{4}-([0-9A-Za-z*~$=]{4})(?![0-9A-Za-z-])/g;
/** A license number typed without hyphens: 16 of the 32-letter alphabet with at least one digit and one letter. */
const COMPACT_LICENSE_NUMBER = /(?<![0-9A-Za-z])(?=[0-9A-Z]*\d)(?=[0-9A-Z]*[A-Z])[0-9A-Z]{12}([0-9A-Z*~$=]{4})(?![0-9A-Za-z])/g;
/** Hex runs of 32 or more (machine ids, SHA-256 device hashes), with or without a digit. */
const LONG_HEX = /(?<![A-Za-z0-9_+-])[0-9A-Fa-f]{32,}(?![A-Za-z0-9_+-])/g;
/** Hex and base64url runs (machine ids, device hashes, unpadded tokens, GUIDs): long and with a digit. */
const LONG_OPAQUE = /(?<![A-Za-z0-9_+-])(?=[A-Za-z0-9_+-]*\d)[A-Za-z0-9_+-]{32,}(?![A-Za-z0-9_+-])/g;

const SECRET_FIELD =
  /^(token|licenseToken|signature|signed|payload|privateKey|publicKey|key|secret|password|pass|card|cardNumber|cvc|machineId|deviceNumber|licenseNumber|installKey|registrationNumber)$/i;

export const REDACTED = '[redacted]';

export function redactText(text: string): string {
  return text
    .replace(PEM_BLOCK, '[redacted key]')
    .replace(LICENSE_TOKEN, '[redacted token]')
    .replace(PADDED_BASE64, REDACTED)
    .replace(CARD_NUMBER, '[redacted card]')
    .replace(LICENSE_NUMBER, (_all, last: string) => `****-****-****-${last}`)
    .replace(COMPACT_LICENSE_NUMBER, (_all, last: string) => `************${last}`)
    .replace(LONG_HEX, REDACTED)
    .replace(LONG_OPAQUE, REDACTED);
}

/** A deep copy with every string redacted and every field named like a secret replaced whole. */
export function redactValue(value: unknown, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: redactText(value.message), ...(typeof code === 'string' ? { code } : {}) };
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, seen));
  return Object.fromEntries(
    Object.entries(value).map(([field, item]) => [
      field,
      SECRET_FIELD.test(field) && item !== null && item !== undefined ? REDACTED : redactValue(item, seen),
    ]),
  );
}
