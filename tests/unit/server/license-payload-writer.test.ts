import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src-shared/contracts/canonical-json';
import { type LicensePayload, LicensePayloadSchema } from '../../../src-shared/contracts/signed-license';
import { EDITIONS, LICENSE_KINDS } from '../../../src-shared/licensing/license-kind';
import { LICENSE_STATES } from '../../../src-shared/licensing/launch-codes';
import { canonicalLicensePayload } from '../../../src-server/licenses/license-signer';

// The signer writes the license payload with its own writer (the validation's hot path); the desktop app verifies
// the bytes it receives. Both must be exactly canonicalJson(payload), or a signature would cover other bytes than
// the canonical text the contract defines.

/** Any text, quotes, backslashes, control characters, non-BMP characters and lone surrogates included. */
const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.array(fc.constantFrom('"', '\\', '\n', '\u0000', '\u2028', '\ud800', '😀', 'a')).map((units) => units.join('')),
);
const date = fc.integer({ min: 0, max: 4_000_000_000_000 }).map((ms) => new Date(ms).toISOString().slice(0, 10));
const instant = fc.integer({ min: 0, max: 4_000_000_000_000 }).map((ms) => new Date(ms).toISOString());
const other = fc.record({ licenseNumberLast: text, product: text });
const support = fc.oneof(
  fc.constant({ state: 'active' as const }),
  fc.constant({ state: 'ended-continues' as const }),
  other.chain((o) =>
    fc.record({ endedOn: date, suspendedFrom: date }).map((d) => ({ state: 'suspended' as const, cause: { ...o, ...d } })),
  ),
  other.chain((o) => date.map((renewedOn) => ({ state: 'ended-stopped' as const, cause: { ...o, renewedOn } }))),
);
const payload: fc.Arbitrary<LicensePayload> = fc
  .record({
    v: fc.constant(1 as const),
    licenseId: text,
    licenseNumber: text,
    product: text,
    edition: fc.constantFrom(...EDITIONS),
    kind: fc.constantFrom(...LICENSE_KINDS),
    term: fc.record({ start: date, end: date }),
    options: fc.array(fc.record({ code: text, end: date }), { maxLength: 5 }),
    state: fc.constantFrom(...LICENSE_STATES),
    trial: fc.boolean(),
    device: text,
    issuedAt: instant,
    leaseUntil: instant,
  })
  .chain((fields) => fc.option(support, { nil: undefined }).map((s) => (s === undefined ? fields : { ...fields, support: s })));

describe('the license payload writer (canonicalLicensePayload)', () => {
  it('writes exactly canonicalJson(payload) for any payload, with or without support', () => {
    fc.assert(
      fc.property(payload, (p) => {
        expect(canonicalLicensePayload(p)).toBe(canonicalJson(p));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes every field the payload schema has, so a field added to the schema cannot go unsigned', () => {
    const withSupport = fc.sample(
      payload.filter((p) => p.support !== undefined),
      1,
    )[0]!;
    const written = Object.keys(JSON.parse(canonicalLicensePayload(withSupport)) as object);
    expect(written).toEqual(Object.keys(LicensePayloadSchema.shape).sort());
  });
});
