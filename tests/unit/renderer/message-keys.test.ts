import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages } from '../../../src-shared/messages';

const RENDERER = path.resolve(__dirname, '../../../src-renderer');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return /\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

function lookup(catalog: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalog);
}

describe('message keys used by the renderer', () => {
  it('exist in both catalogs (a missing key would show the key itself to the user)', () => {
    const keys = new Set<string>();
    for (const file of sources(RENDERER)) {
      for (const match of fs.readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9.-]+)'/g)) keys.add(match[1]!);
    }
    expect(keys.size).toBeGreaterThan(50);
    for (const key of keys) {
      for (const locale of ['ja', 'en'] as const)
        expect(typeof lookup(messages[locale], key), `${locale}: ${key}`).toBe('string');
    }
  });
});
