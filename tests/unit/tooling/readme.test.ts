import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLicenseNumber } from '../../../src-shared/contracts/license-number';

const ROOT = path.resolve(__dirname, '../../..');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('shows only license numbers the app accepts', () => {
    const numbers = readme.match(/\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b/g) ?? [];
    expect(numbers.length).toBeGreaterThan(0);
    for (const number of numbers) expect(parseLicenseNumber(number), number).toMatchObject({ ok: true });
  });

  it('links nothing outside the repository', () => {
    const targets = [...readme.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]!);
    for (const target of targets) {
      expect(target, target).not.toMatch(/^(https?:|\.\.\/)/);
      expect(fs.existsSync(path.join(ROOT, target.split('#')[0]!)), target).toBe(true);
    }
    expect(readme).not.toContain('../shared');
  });
});
