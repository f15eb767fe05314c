import { describe, expect, it } from 'vitest';
import { isSupportPhoneOpen, supportContactFor } from '../../../../src-shared/catalog';
import { loadSeedCatalog } from './seed-catalog';

const catalog = loadSeedCatalog();
const contact = supportContactFor(catalog, 'sakura-kaikei', 'package');
const open = (now: string) => isSupportPhoneOpen(contact, catalog.closures, now);

describe('support phone hours (9:30–12:00, 13:00–17:00 JST on business days)', () => {
  it('follows the two ranges on a business day', () => {
    expect(open('2023-07-31T09:29:59+09:00')).toBe(false);
    expect(open('2023-07-31T09:30:00+09:00')).toBe(true);
    expect(open('2023-07-31T11:59:59+09:00')).toBe(true);
    expect(open('2023-07-31T12:00:00+09:00')).toBe(false);
    expect(open('2023-07-31T13:00:00+09:00')).toBe(true);
    expect(open('2023-07-31T16:59:59+09:00')).toBe(true);
    expect(open('2023-07-31T17:00:00+09:00')).toBe(false);
  });

  it('reads the clock in JST whatever offset the instant carries', () => {
    expect(open('2023-07-31T00:30:00Z')).toBe(true); // 09:30 JST
    expect(open('2023-07-30T17:30:00-07:00')).toBe(true); // 09:30 JST Monday
    expect(open('2023-07-31T08:00:00Z')).toBe(false); // 17:00 JST
  });

  it('is closed on weekends, holidays and closure days', () => {
    expect(open('2023-07-29T10:00:00+09:00')).toBe(false); // Saturday
    expect(open('2024-11-04T10:00:00+09:00')).toBe(false); // 振替休日
    expect(open('2026-12-29T10:00:00+09:00')).toBe(false); // closure, Tuesday
    expect(open('2026-12-28T10:00:00+09:00')).toBe(true);
  });
});
