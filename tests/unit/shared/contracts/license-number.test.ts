import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { licenseNumberFromDigits, maskLicenseNumber, parseLicenseNumber } from '../../../../src-shared/contracts/license-number';

const digits = fc.array(fc.integer({ min: 0, max: 31 }), { minLength: 15, maxLength: 15 });
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('license numbers', () => {
  it('round-trips every generated number, however the user types it', () => {
    fc.assert(
      fc.property(digits, (d) => {
        const number = licenseNumberFromDigits(d);
        expect(number).toMatch(/^[0-9A-Z*~$=]{4}(-[0-9A-Z*~$=]{4}){3}$/);
        expect(parseLicenseNumber(number)).toEqual({ ok: true, value: number });
        expect(parseLicenseNumber(` ${number.toLowerCase().replaceAll('-', ' ')} `)).toEqual({ ok: true, value: number });
      }),
    );
  });

  it('catches every single-character typo in the body', () => {
    fc.assert(
      fc.property(digits, fc.integer({ min: 0, max: 14 }), fc.integer({ min: 1, max: 31 }), (d, position, shift) => {
        const good = licenseNumberFromDigits(d);
        const typo = [...d];
        typo[position] = (typo[position]! + shift) % 32;
        const compact = licenseNumberFromDigits(typo).replaceAll('-', '');
        const bad = `${compact.slice(0, 15)}${good.replaceAll('-', '').slice(15)}`;
        expect(parseLicenseNumber(bad)).toEqual({ ok: false, code: 'license-number-check' });
      }),
    );
  });

  it('catches swapped neighbours', () => {
    fc.assert(
      fc.property(digits, fc.integer({ min: 0, max: 13 }), (d, i) => {
        fc.pre(d[i] !== d[i + 1]);
        const good = licenseNumberFromDigits(d).replaceAll('-', '');
        const swapped = good.slice(0, i) + good[i + 1] + good[i] + good.slice(i + 2);
        expect(parseLicenseNumber(swapped).ok).toBe(false);
      }),
    );
  });

  it('reads the look-alike letters I, L and O as 1, 1 and 0', () => {
    const number = licenseNumberFromDigits([1, 0, 1, 0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(number.startsWith('1010')).toBe(true);
    expect(parseLicenseNumber(`IOLO${number.slice(4)}`)).toEqual({ ok: true, value: number });
  });

  it('says whether the shape or the check failed', () => {
    expect(parseLicenseNumber('ABCD-EFGH')).toEqual({ ok: false, code: 'license-number-format' });
    expect(parseLicenseNumber('ABCD-EFGH-JKMN-PQR!')).toEqual({ ok: false, code: 'license-number-format' });
    expect(parseLicenseNumber('UUUU-EFGH-JKMN-PQRS')).toEqual({ ok: false, code: 'license-number-format' });
    expect(ALPHABET).not.toContain('U');
  });

  it('masks all but the last group', () => {
    expect(maskLicenseNumber('ABCD-EFGH-JKMN-PQRS')).toBe('****-****-****-PQRS');
  });
});
