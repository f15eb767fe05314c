import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../src-shared/contracts/canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[2,{"y":null,"z":1}]},"b":1}',
    );
  });

  it('escapes strings exactly like JSON and keeps Japanese text as is', () => {
    expect(canonicalJson({ name: '基本使用サービス "更新"\n' })).toBe('{"name":"基本使用サービス \\"更新\\"\\n"}');
  });

  it('refuses values that have no single JSON form', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ a: () => 1 })).toThrow(TypeError);
  });

  it('says why a value cannot be signed', () => {
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow('canonicalJson: numbers must be finite');
    expect(() => canonicalJson({ a: () => 1 })).toThrow('canonicalJson: unsupported function');
    expect(() => canonicalJson(10n)).toThrow('canonicalJson: unsupported bigint');
  });

  it('is the same text whatever the key order, and parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        const reparsed: unknown = JSON.parse(text);
        expect(canonicalJson(reparsed)).toBe(text);
      }),
    );
  });
});
