import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../src-shared/contracts/error-codes';
import { en } from '../../../src-shared/messages/en';
import { ja } from '../../../src-shared/messages/ja';

function keys(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('message catalogs', () => {
  it('have the same keys in Japanese and English', () => {
    expect(keys(en).sort()).toEqual(keys(ja).sort());
  });

  it('have a message for every error code, in both languages, with no empty text', () => {
    for (const code of ERROR_CODES) {
      expect(ja.errors[code], code).toMatch(/\S/);
      expect(en.errors[code], code).toMatch(/\S/);
    }
    expect(Object.keys(ja.errors).sort()).toEqual([...ERROR_CODES].sort());
  });

  it('write Japanese in Japanese', () => {
    const texts = keys(ja).map((k) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], ja) as string);
    const japanese = texts.filter((t) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(t));
    expect(japanese.length / texts.length).toBeGreaterThan(0.9);
  });
});
