import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareInstants, instantToEpochMs, jstDateAt, jstDateOf, jstInstantAt } from '../../../../src-shared/licensing';
import { expectLicensingError } from './expect-licensing-error';

describe('JST conversion (machine TZ is ' + (process.env.TZ ?? 'unset') + ')', () => {
  it('really runs under the zone it claims, so the TZ=America/Los_Angeles run is not vacuous', () => {
    const offset = new Date(Date.UTC(2021, 0, 15)).getTimezoneOffset();
    expect(Number.isInteger(offset)).toBe(true);
    if (process.env.TZ === 'America/Los_Angeles') expect(offset).toBe(480);
    if (process.env.TZ === 'UTC') expect(offset).toBe(0);
  });

  it('turns an instant into the Tokyo date around JST midnight', () => {
    expect(jstDateOf('2021-04-30T14:59:59Z')).toBe('2021-04-30');
    expect(jstDateOf('2021-04-30T14:59:59.999Z')).toBe('2021-04-30');
    expect(jstDateOf('2021-04-30T15:00:00Z')).toBe('2021-05-01');
    expect(jstDateOf('2021-04-30T23:59:59+09:00')).toBe('2021-04-30');
    expect(jstDateOf('2021-05-01T00:00:00+09:00')).toBe('2021-05-01');
    // 2021-04-30 08:00 in Los Angeles (PDT, −07:00) is already 05-01 00:00 in Tokyo.
    expect(jstDateOf('2021-04-30T08:00:00-07:00')).toBe('2021-05-01');
    expect(jstDateOf('2021-04-30T07:59:59-0700')).toBe('2021-04-30');
    expect(jstDateOf('2023-12-31T15:00:00Z')).toBe('2024-01-01');
    expect(jstDateOf('2024-02-28T15:30Z')).toBe('2024-02-29');
  });

  it('reads a clock (jstDateAt) as jstDateOf reads the instant written out, around JST midnight and anywhere', () => {
    expect(jstDateAt(new Date('2021-04-30T14:59:59.999Z'))).toBe('2021-04-30');
    expect(jstDateAt(new Date('2021-04-30T15:00:00Z'))).toBe('2021-05-01');
    expect(jstDateAt(new Date('2023-12-31T15:00:00Z'))).toBe('2024-01-01');
    fc.assert(
      fc.property(fc.integer({ min: -62_000_000_000_000, max: 4_102_444_800_000 }), (ms) => {
        expect(jstDateAt(new Date(ms))).toBe(jstDateOf(new Date(ms).toISOString()));
      }),
    );
    expectLicensingError(() => jstDateAt(new Date(Number.NaN)), 'invalid-instant');
  });

  it('agrees with a UTC-only reference for any instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(instantToEpochMs(iso)).toBe(ms);
        expect(jstDateOf(iso)).toBe(new Date(ms + 9 * 3_600_000).toISOString().slice(0, 10));
      }),
    );
  });

  it('refuses instants without an offset, which Date would read in the local zone', () => {
    expectLicensingError(() => jstDateOf('2021-04-30T15:00:00'), 'invalid-instant');
    expectLicensingError(() => jstDateOf('2021-04-30'), 'invalid-instant');
    expectLicensingError(() => jstDateOf('2021-02-30T00:00:00Z'), 'invalid-instant');
    expectLicensingError(() => jstDateOf('2021-04-30T24:00:00Z'), 'invalid-instant');
    expectLicensingError(() => jstDateOf('yesterday'), 'invalid-instant');
  });

  it('writes a JST cut-off and compares instants across offsets', () => {
    expect(jstInstantAt('2023-07-31', 15)).toBe('2023-07-31T15:00:00+09:00');
    expect(instantToEpochMs('2023-07-31T15:00:00+09:00')).toBe(Date.UTC(2023, 6, 31, 6));
    expect(compareInstants('2023-07-31T06:00:00Z', '2023-07-31T15:00:00+09:00')).toBe(0);
    expect(compareInstants('2023-07-31T06:00:01Z', '2023-07-31T15:00:00+09:00')).toBe(1);
    expect(compareInstants('2023-07-30T22:59:59-07:00', '2023-07-31T15:00:00+09:00')).toBe(-1);
    expect(compareInstants('2023-07-30T23:00:00-07:00', '2023-07-31T15:00:00+09:00')).toBe(0);
  });
});
