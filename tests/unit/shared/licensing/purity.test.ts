import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const folders = ['licensing', 'catalog'].map((name) => new URL(`../../../../src-shared/${name}/`, import.meta.url));
const sources = folders.flatMap((folder) =>
  readdirSync(folder)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => ({
      file: `${folder.pathname.split('/src-shared/')[1]}${file}`,
      text: readFileSync(new URL(file, folder), 'utf8'),
    })),
);

const forbidden: [RegExp, string][] = [
  [/\bDate\.now\s*\(/, 'reads the clock'],
  [/\bnew Date\s*\(/, 'builds a Date (clock or local zone)'],
  [/\.(getFullYear|getMonth|getDate|getDay|getHours|getMinutes|getTimezoneOffset)\s*\(/, 'uses a local-time getter'],
  [/\bDate\.parse\s*\(/, 'parses in the local zone when the offset is missing'],
  [/\bMath\.random\s*\(/, 'is not deterministic'],
  [/\bprocess\./, 'reads the process environment'],
  [/from\s+['"](node:|fs|path|crypto|electron|react)/, 'imports a platform module'],
  [/from\s+['"][./]*(src-main|src-renderer|src-server)/, 'imports another layer'],
  [/\.json['"]/, 'reads a JSON file'],
];

describe('src-shared licensing and catalog stay pure', () => {
  it('has sources to check', () => {
    expect(sources.length).toBeGreaterThanOrEqual(20);
  });

  it.each(forbidden)('no file matches %s', (pattern, why) => {
    const offenders = sources.filter(({ text }) => pattern.test(text.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')));
    expect(offenders.map(({ file }) => `${file} ${why}`)).toEqual([]);
  });

  it('uses only small named files, no grab-bag', () => {
    expect(sources.map(({ file }) => file).filter((file) => /utils?\.ts$|helpers?\.ts$|misc\.ts$/.test(file))).toEqual([]);
    for (const { file } of sources) expect(file).toMatch(/^[a-z]+\/[a-z0-9-]+\.ts$/);
  });
});
