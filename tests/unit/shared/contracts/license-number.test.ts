import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkSymbol,
  formatLicenseNumber,
  legacyCheckSymbol,
  licenseNumberFromDigits,
  licenseNumberScheme,
  maskLicenseNumber,
  normalizeLicenseNumber,
  parseLicenseNumber,
} from '../../../../src-shared/contracts/license-number';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const READ_ALOUD = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;
const digits = fc.array(fc.integer({ min: 0, max: 31 }), { minLength: 15, maxLength: 15 });
const compact = (number: string) => number.replaceAll('-', '');
const replaceAt = (text: string, index: number, ch: string) => text.slice(0, index) + ch + text.slice(index + 1);
const swapAt = (text: string, i: number) => text.slice(0, i) + text[i + 1] + text[i] + text.slice(i + 2);
/** What a Japanese IME in full-width mode produces for ASCII input. */
const fullWidth = (text: string) => text.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

/** The mod-37 scheme every number was issued with until the read-aloud scheme, as the service computed it. */
function legacyNumber(d: readonly number[]): string {
  const remainder = d.reduce((r, value) => (r * 32 + value) % 37, 0);
  return formatLicenseNumber(d.map((value) => ALPHABET[value]).join('') + `${ALPHABET}*~$=U`[remainder]);
}

/** Multiplication in GF(32) = GF(2)[x] / (x⁵ + x² + 1), written out long-hand as an independent reference. */
function gfMultiply(a: number, b: number): number {
  let product = 0;
  for (let bit = 0; bit < 5; bit++) if ((b >> bit) & 1) product ^= a << bit;
  for (let bit = 9; bit >= 5; bit--) if ((product >> bit) & 1) product ^= 0b100101 << (bit - 5);
  return product;
}
const gfPower = (exponent: number) => Array.from({ length: exponent }).reduce<number>((p) => gfMultiply(p, 2), 1);

/** Issued numbers from before the read-aloud scheme, one for each kind of check symbol. */
const LEGACY_NUMBERS = [
  'BSGG-JKVZ-H453-J4FS',
  '4KV6-61PD-KGYX-643~',
  'QD68-DWP2-4JDH-DM9U',
  'W9ZW-0PXD-3C7T-278=',
  'JSF5-B652-N7WB-N3M$',
  'DVRS-B49F-59RD-2HQ*',
];

/** A few fixed numbers for the exhaustive checks (the properties below add random ones). */
const BASES = [
  Array.from({ length: 15 }, () => 0),
  Array.from({ length: 15 }, () => 31),
  Array.from({ length: 15 }, (_, i) => i),
  Array.from({ length: 15 }, (_, i) => (i * 7 + 3) % 32),
  [...'7KQ2M9XD4TBAHR3'].map((ch) => ALPHABET.indexOf(ch)),
];

describe('license numbers: the read-aloud check', () => {
  it('issues numbers of four groups made only of the 32 symbols that can be read aloud, and reads them back', () => {
    fc.assert(
      fc.property(digits, (d) => {
        const number = licenseNumberFromDigits(d);
        expect(number).toMatch(READ_ALOUD);
        expect(compact(number).slice(0, 15)).toBe(d.map((value) => ALPHABET[value]).join(''));
        expect(parseLicenseNumber(number)).toEqual({ ok: true, value: number });
        expect(licenseNumberScheme(number)).toBe('read-aloud');
      }),
    );
  });

  it('makes the GF(32) sum of each symbol times α^(15 − position) zero, with distinct non-zero weights', () => {
    const weights = Array.from({ length: 16 }, (_, position) => gfPower(15 - position));
    expect(new Set(weights).size).toBe(16);
    expect(weights).not.toContain(0);
    fc.assert(
      fc.property(digits, (d) => {
        const values = [...compact(licenseNumberFromDigits(d))].map((ch) => ALPHABET.indexOf(ch));
        expect(values.reduce((sum, value, position) => sum ^ gfMultiply(weights[position]!, value), 0)).toBe(0);
      }),
    );
  });

  it('keeps giving the numbers it has already issued (the scheme is fixed forever)', () => {
    const issued: [string, string][] = [
      ['000000000000000', '0000-0000-0000-0000'],
      ['000000000000001', '0000-0000-0000-0012'],
      ['100000000000000', '1000-0000-0000-000Z'],
      ['7KQ2M9XD4TBAHR3', '7KQ2-M9XD-4TBA-HR3Y'],
      ['ZZZZZZZZZZZZZZZ', 'ZZZZ-ZZZZ-ZZZZ-ZZZN'],
    ];
    for (const [body, number] of issued) {
      expect(licenseNumberFromDigits([...body].map((ch) => ALPHABET.indexOf(ch)))).toBe(number);
      expect(checkSymbol(body)).toBe(number.slice(-1));
    }
  });

  it('has a valid example for the README', () => {
    expect(parseLicenseNumber('7KQ2-M9XD-4TBA-HR3Y')).toEqual({ ok: true, value: '7KQ2-M9XD-4TBA-HR3Y' });
    expect(licenseNumberScheme('7KQ2-M9XD-4TBA-HR3Y')).toBe('read-aloud');
    expect(parseLicenseNumber('7KQ2-M9XD-4TBA-HR3V')).toEqual({ ok: false, code: 'license-number-check' });
  });

  it('catches every single-character substitution in every position, check symbol included', () => {
    const assertAllCaught = (d: readonly number[]) => {
      const good = compact(licenseNumberFromDigits(d));
      for (let position = 0; position < 16; position++) {
        for (const ch of ALPHABET) {
          if (ch === good[position]) continue;
          const typo = replaceAt(good, position, ch);
          expect(licenseNumberScheme(typo), `${good} → ${typo}`).not.toBe('read-aloud');
        }
      }
    };
    BASES.forEach(assertAllCaught);
    fc.assert(fc.property(digits, assertAllCaught), { numRuns: 20 });
  });

  it('catches every swap of neighbours, for every pair of symbols in every position', () => {
    const base = BASES[3]!;
    for (let i = 0; i < 14; i++) {
      for (let a = 0; a < 32; a++) {
        for (let b = 0; b < 32; b++) {
          if (a === b) continue;
          const d = [...base];
          d[i] = a;
          d[i + 1] = b;
          const swapped = swapAt(compact(licenseNumberFromDigits(d)), i);
          expect(licenseNumberScheme(swapped), swapped).not.toBe('read-aloud');
        }
      }
    }
    // The last body symbol and the check symbol: every pair appears as the 13th symbol runs through the alphabet.
    const lastPairs = new Set<string>();
    for (let c = 0; c < 32; c++) {
      for (let a = 0; a < 32; a++) {
        const d = [...base];
        d[13] = c;
        d[14] = a;
        const good = compact(licenseNumberFromDigits(d));
        lastPairs.add(good.slice(14));
        if (good[14] !== good[15]) expect(licenseNumberScheme(swapAt(good, 14)), good).not.toBe('read-aloud');
      }
    }
    expect(lastPairs.size).toBe(32 * 32);
  });

  it('catches swaps of any two different symbols, however far apart', () => {
    fc.assert(
      fc.property(digits, fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 15 }), (d, i, j) => {
        const good = compact(licenseNumberFromDigits(d));
        fc.pre(good[i] !== good[j]);
        const swapped = replaceAt(replaceAt(good, i, good[j]!), j, good[i]!);
        expect(licenseNumberScheme(swapped)).not.toBe('read-aloud');
      }),
    );
  });

  it('rejects a typo as a check error unless it happens to be a valid old number (about 1 in 37)', () => {
    let typos = 0;
    let passedAsLegacy = 0;
    for (const d of BASES) {
      const good = compact(licenseNumberFromDigits(d));
      for (let position = 0; position < 16; position++) {
        for (const ch of ALPHABET) {
          if (ch === good[position]) continue;
          const typo = replaceAt(good, position, ch);
          const result = parseLicenseNumber(typo);
          typos += 1;
          if (result.ok) {
            passedAsLegacy += 1;
            expect(licenseNumberScheme(typo)).toBe('legacy-mod37');
          } else expect(result).toEqual({ ok: false, code: 'license-number-check' });
        }
      }
    }
    expect(passedAsLegacy / typos).toBeLessThan(0.04);
  });
});

describe('license numbers issued before the read-aloud check', () => {
  it.each(LEGACY_NUMBERS)('still accepts %s', (number) => {
    expect(parseLicenseNumber(number)).toEqual({ ok: true, value: number });
    expect(licenseNumberScheme(number)).toBe('legacy-mod37');
    expect(legacyCheckSymbol(compact(number).slice(0, 15))).toBe(number.slice(-1));
  });

  it('accepts every number the mod-37 scheme could have issued', () => {
    fc.assert(
      fc.property(digits, (d) => {
        const number = legacyNumber(d);
        expect(parseLicenseNumber(number)).toEqual({ ok: true, value: number });
        expect(licenseNumberScheme(number)).not.toBeNull();
      }),
    );
  });

  it('still catches a wrong check symbol, including the old non-alphabet ones', () => {
    expect(parseLicenseNumber('4KV6-61PD-KGYX-643*')).toEqual({ ok: false, code: 'license-number-check' });
    expect(parseLicenseNumber('DVRS-B49F-59RD-2HQU')).toEqual({ ok: false, code: 'license-number-check' });
    expect(licenseNumberScheme('DVRS-B49F-59RD-2HQU')).toBeNull();
    fc.assert(
      fc.property(digits, fc.constantFrom(...'*~$=U'), (d, symbol) => {
        const number = legacyNumber(d);
        fc.pre(!number.endsWith(symbol));
        expect(parseLicenseNumber(`${number.slice(0, -1)}${symbol}`)).toEqual({ ok: false, code: 'license-number-check' });
      }),
    );
  });
});

describe('license numbers as people type them', () => {
  it('folds text that is already canonical exactly as the full folding would (the fast path)', () => {
    // The folding as written before the fast path for canonical text: every step, whatever the input.
    const fullFolding = (input: string) =>
      input
        .replace(/[\u301C\uFF5E]/g, '~')
        .normalize('NFKC')
        .replace(/[\s\p{Pd}\u00AD\u02D7\u2043\u200B-\u200D\u2060\u2212\u30FC\uFF70]/gu, '')
        .toUpperCase()
        .replace(/[IL]/g, '1')
        .replace(/O/g, '0');
    const characters = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcilo*~$=U- \u3000\uFF21\u30FC\u301C'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...characters), { maxLength: 24 }), (chars) => {
        const input = chars.join('');
        expect(normalizeLicenseNumber(input)).toBe(fullFolding(input));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(digits, (d) => {
        const number = licenseNumberFromDigits(d);
        expect(normalizeLicenseNumber(number)).toBe(fullFolding(number));
      }),
    );
  });

  it('folds full-width input from a Japanese IME, lower case and spaces', () => {
    const number = '7KQ2-M9XD-4TBA-HR3Y';
    const typed = [
      fullWidth(number),
      fullWidth(number.toLowerCase()),
      '７ＫＱ２　Ｍ９ＸＤ　４ＴＢＡ　ＨＲ３Ｙ',
      '７ｋｑ２ーｍ９ｘｄー４ｔｂａーｈｒ３ｙ',
      ` ${number.toLowerCase().replaceAll('-', ' ')} `,
      compact(number).toLowerCase(),
      `\t${number}\n`,
    ];
    for (const input of typed) expect(parseLicenseNumber(input), input).toEqual({ ok: true, value: number });
  });

  it.each([
    ['hyphen-minus', '-'],
    ['hyphen', '\u2010'],
    ['non-breaking hyphen', '\u2011'],
    ['figure dash', '\u2012'],
    ['en dash', '\u2013'],
    ['em dash', '\u2014'],
    ['horizontal bar', '\u2015'],
    ['minus sign', '\u2212'],
    ['full-width hyphen-minus', '\uFF0D'],
    ['small hyphen-minus', '\uFE63'],
    ['katakana long vowel mark ー', '\u30FC'],
    ['half-width long vowel mark ｰ', '\uFF70'],
    ['hyphen bullet', '\u2043'],
    ['modifier minus', '\u02D7'],
    ['soft hyphen', '\u00AD'],
    ['zero-width space', '\u200B'],
    ['zero-width non-joiner', '\u200C'],
    ['zero-width joiner', '\u200D'],
    ['word joiner', '\u2060'],
    ['space', ' '],
    ['ideographic space', '\u3000'],
    ['no-break space', '\u00A0'],
    ['two spaces and a hyphen', ' - '],
  ])('drops a %s between groups', (_name, separator) => {
    expect(parseLicenseNumber(['7KQ2', 'M9XD', '4TBA', 'HR3Y'].join(separator))).toEqual({
      ok: true,
      value: '7KQ2-M9XD-4TBA-HR3Y',
    });
  });

  it('reads the full-width forms of the old check symbols, the wave dash as a tilde', () => {
    expect(normalizeLicenseNumber('４ＫＶ６－６１ＰＤ－ＫＧＹＸ－６４３～')).toBe('4KV661PDKGYX643~');
    expect(normalizeLicenseNumber('４ＫＶ６－６１ＰＤ－ＫＧＹＸ－６４３〜')).toBe('4KV661PDKGYX643~');
    expect(parseLicenseNumber('4kv6 61pd kgyx 643〜')).toEqual({ ok: true, value: '4KV6-61PD-KGYX-643~' });
    expect(parseLicenseNumber('ＤＶＲＳ－Ｂ４９Ｆ－５９ＲＤ－２ＨＱ＊')).toEqual({ ok: true, value: 'DVRS-B49F-59RD-2HQ*' });
    expect(parseLicenseNumber('ＪＳＦ５－Ｂ６５２－Ｎ７ＷＢ－Ｎ３Ｍ＄')).toEqual({ ok: true, value: 'JSF5-B652-N7WB-N3M$' });
    expect(parseLicenseNumber('Ｗ９ＺＷ－０ＰＸＤ－３Ｃ７Ｔ－２７８＝')).toEqual({ ok: true, value: 'W9ZW-0PXD-3C7T-278=' });
    expect(parseLicenseNumber('qd68-dwp2-4jdh-dm9ｕ')).toEqual({ ok: true, value: 'QD68-DWP2-4JDH-DM9U' });
  });

  it('reads the look-alike letters I, L and O as 1, 1 and 0, in any width and case', () => {
    const number = licenseNumberFromDigits([1, 0, 1, 0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(number.startsWith('1010')).toBe(true);
    for (const lookAlike of ['IOLO', 'iolo', 'ＩＯＬＯ', 'ｉｏｌｏ', 'lOIo'])
      expect(parseLicenseNumber(`${lookAlike}${number.slice(4)}`), lookAlike).toEqual({ ok: true, value: number });
  });

  it('says whether the shape or the check failed', () => {
    const format = { ok: false, code: 'license-number-format' };
    expect(parseLicenseNumber('')).toEqual(format);
    expect(parseLicenseNumber('ABCD-EFGH')).toEqual(format);
    expect(parseLicenseNumber('7KQ2-M9XD-4TBA-HR3')).toEqual(format);
    expect(parseLicenseNumber('7KQ2-M9XD-4TBA-HR3Y0')).toEqual(format);
    expect(parseLicenseNumber('ABCD-EFGH-JKMN-PQR!')).toEqual(format);
    expect(parseLicenseNumber('UUUU-EFGH-JKMN-PQRS')).toEqual(format);
    expect(parseLicenseNumber('7KQ2-M9XD-4TBA-HRUY')).toEqual(format);
    expect(parseLicenseNumber('*KQ2-M9XD-4TBA-HR3Y')).toEqual(format);
    expect(parseLicenseNumber('7KQ2-M9XD-4TBA-HR3#')).toEqual(format);
    expect(licenseNumberScheme('ABCD-EFGH')).toBeNull();
    expect(parseLicenseNumber('7KQ2-M9XD-4TBA-HR3Z')).toEqual({ ok: false, code: 'license-number-check' });
    expect(ALPHABET).not.toContain('U');
  });

  it('refuses to build a number from anything but 15 values in 0..31', () => {
    const ok = Array.from({ length: 15 }, () => 5);
    expect(() => licenseNumberFromDigits(ok.slice(1))).toThrow(
      new RangeError('licenseNumberFromDigits needs 15 integers in 0..31'),
    );
    expect(() => licenseNumberFromDigits([...ok, 5])).toThrow(RangeError);
    expect(() => licenseNumberFromDigits([...ok.slice(1), 32])).toThrow(RangeError);
    expect(() => licenseNumberFromDigits([...ok.slice(1), -1])).toThrow(RangeError);
    expect(() => licenseNumberFromDigits([...ok.slice(1), 1.5])).toThrow(RangeError);
    expect(licenseNumberFromDigits([...ok.slice(1), 31])).toMatch(READ_ALOUD);
    expect(licenseNumberFromDigits([...ok.slice(1), 0])).toMatch(READ_ALOUD);
  });

  it('computes no check symbol for characters outside the alphabet', () => {
    expect(() => checkSymbol('7KQ2M9XD4TBAHRU')).toThrow(new RangeError('not a license number character: U'));
    expect(() => legacyCheckSymbol('7KQ2M9XD4TBAHR*')).toThrow(new RangeError('not a license number character: *'));
  });

  it('formats a compact number in groups of four', () => {
    expect(formatLicenseNumber('7KQ2M9XD4TBAHR3Y')).toBe('7KQ2-M9XD-4TBA-HR3Y');
    expect(formatLicenseNumber('7KQ2M9')).toBe('7KQ2-M9');
    expect(formatLicenseNumber('')).toBe('');
  });

  it('masks all but the last group', () => {
    expect(maskLicenseNumber('ABCD-EFGH-JKMN-PQRS')).toBe('****-****-****-PQRS');
  });
});
