// The signed license is a canonical JSON text: object keys sorted by code unit, no whitespace, no undefined.
// Signer and verifier must agree byte for byte, so both sides use this one function.
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: numbers must be finite');
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      // Default sort compares UTF-16 code units, which is the order we define; a plain loop keeps this hot path cheap.
      const object = value as Record<string, unknown>;
      const keys = Object.keys(object).sort();
      let out = '';
      for (const key of keys) {
        const item = object[key];
        if (item === undefined) continue;
        out += `${out ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(item)}`;
      }
      return `{${out}}`;
    }
    default:
      throw new TypeError(`canonicalJson: unsupported ${typeof value}`);
  }
}
