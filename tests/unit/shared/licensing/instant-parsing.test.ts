import { describe, expect, it } from 'vitest';
import { instantToEpochMs, jstDateOf } from '../../../../src-shared/licensing';
import { expectLicensingError } from './expect-licensing-error';

// Every instant the app trusts (issuedAt, leaseUntil, the service's time) goes through this parser, so a value it
// lets through with a wrong reading moves a deadline, and one it refuses wrongly stops a valid license.

const refused = (value: unknown) => expectLicensingError(() => instantToEpochMs(value as string), 'invalid-instant');

describe('instantToEpochMs reads', () => {
  it('seconds, fractions of a second (to the millisecond) and a missing seconds field', () => {
    const base = Date.UTC(2024, 1, 28, 15, 30);
    expect(instantToEpochMs('2024-02-28T15:30Z')).toBe(base);
    expect(instantToEpochMs('2024-02-28T15:30:07Z')).toBe(base + 7_000);
    expect(instantToEpochMs('2024-02-28T15:30:07.5Z')).toBe(base + 7_500);
    expect(instantToEpochMs('2024-02-28T15:30:07.05Z')).toBe(base + 7_050);
    expect(instantToEpochMs('2024-02-28T15:30:07.123456789Z')).toBe(base + 7_123);
  });

  it('every form of offset, including half hours and the extremes', () => {
    const utc = Date.UTC(2024, 1, 28, 15, 30);
    expect(instantToEpochMs('2024-02-28T15:30:00z')).toBe(utc);
    expect(instantToEpochMs('2024-02-28T15:30:00+00:00')).toBe(utc);
    expect(instantToEpochMs('2024-02-29T00:30:00+09:00')).toBe(utc);
    expect(instantToEpochMs('2024-02-29T00:30:00+0900')).toBe(utc);
    expect(instantToEpochMs('2024-02-28T21:00:00+05:30')).toBe(utc);
    expect(instantToEpochMs('2024-02-28T10:00:00-05:30')).toBe(utc);
    expect(instantToEpochMs('2024-02-29T15:29:00+23:59')).toBe(utc);
    expect(instantToEpochMs('2024-02-29T14:30:00+23:00')).toBe(utc);
  });

  it('the first and last valid values of each field', () => {
    expect(instantToEpochMs('0001-01-01T00:00:00Z')).toBe(-62_135_596_800_000);
    expect(instantToEpochMs('2024-02-29T23:59:59Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59));
    expect(instantToEpochMs('2024-12-31T00:00:00Z')).toBe(Date.UTC(2024, 11, 31));
    expect(jstDateOf('2024-01-01T00:00:00+09:00')).toBe('2024-01-01');
  });
});

describe('instantToEpochMs refuses, saying why', () => {
  it('anything but a string', () => {
    for (const value of [0, undefined, null, new Date(0)]) expect(refused(value).message).toContain('not a string');
  });

  it('text that is not an ISO-8601 instant with an offset, wherever the extra text is', () => {
    for (const value of [
      '2021-04-30T15:00:00',
      'x2021-04-30T15:00:00Z',
      '2021-04-30T15:00:00Zx',
      '2021-04-30T15:00:00Z ',
      ' 2021-04-30T15:00:00Z',
    ]) {
      const error = refused(value);
      expect(error.message).toContain('not an ISO-8601 instant');
      expect(error.details).toEqual({ value });
    }
  });

  it('dates that do not exist', () => {
    for (const value of [
      '2021-00-10T00:00:00Z',
      '2021-13-10T00:00:00Z',
      '2021-04-00T00:00:00Z',
      '2021-04-31T00:00:00Z',
      '2021-02-29T00:00:00Z',
      '0000-06-01T00:00:00Z',
    ]) {
      const error = refused(value);
      expect(error.message, value).toContain('no such date');
      expect(error.message, value).toContain(value);
    }
  });

  it('times of day that do not exist', () => {
    for (const value of ['2021-04-30T24:00:00Z', '2021-04-30T12:60:00Z', '2021-04-30T12:00:60Z'])
      expect(refused(value).message, value).toContain('no such time of day');
  });

  it('offsets that do not exist', () => {
    for (const value of ['2021-04-30T12:00:00+24:00', '2021-04-30T12:00:00+09:60', '2021-04-30T12:00:00-0960'])
      expect(refused(value).message, value).toContain('no such offset');
  });
});
