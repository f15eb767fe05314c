import { describe, expect, it } from 'vitest';
import { isYenAmount, MAX_YEN, parseYen } from '../../../src-server/renewals/yen-amount';

describe('parseYen: amounts typed at the desk', () => {
  it.each(['1', '48400', '0048400', String(MAX_YEN)])('reads %s', (text) => {
    expect(parseYen(text)).toEqual({ ok: true, yen: Number(text) });
  });

  it.each([
    ['0xbd10', 'digits 0-9 only'],
    ['48,400', 'digits 0-9 only'],
    ['+13200', 'digits 0-9 only'],
    ['-1', 'digits 0-9 only'],
    ['13200.0', 'digits 0-9 only'],
    ['1e4', 'digits 0-9 only'],
    [' 13200', 'digits 0-9 only'],
    ['１３２００', 'digits 0-9 only'],
    ['', 'digits 0-9 only'],
    ['0', 'zero'],
    [String(MAX_YEN + 1), 'too large'],
    ['123456789012345678901', 'too large'],
  ])('refuses %j (%s)', (text, why) => {
    const parsed = parseYen(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(why);
  });

  it('isYenAmount bounds what the services accept', () => {
    expect([1, MAX_YEN].map(isYenAmount)).toEqual([true, true]);
    expect([0, -1, 1.5, MAX_YEN + 1, Number.NaN, Number.POSITIVE_INFINITY].map(isYenAmount)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
