import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);

async function admin(db: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout } = await run(path.join(ROOT, 'node_modules/.bin/tsx'), ['src-server/cli/admin.ts', ...args, '--db', db], {
      cwd: ROOT,
      env: {
        ...process.env,
        LICENSE_SERVICE_KEY: path.join(path.dirname(db), 'key.pem'),
        LICENSE_SERVICE_OUTBOX: path.join(path.dirname(db), 'outbox'),
        ...env,
      },
    });
    return { code: 0, stdout, stderr: '' };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const tempDb = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'admin-')), 'service.sqlite');

describe('admin CLI', () => {
  it('issues a package license with its registration number and install key, then revokes it', async () => {
    const db = tempDb();
    const issued = await admin(db, ['issue', '--product', 'sakura-kaikei', '--edition', 'package', '--months', '12']);
    const [number, registration, key] = issued.stdout.trim().split('\n');
    expect(number).toMatch(/^[0-9A-Z*~$=]{4}(-[0-9A-Z*~$=]{4}){3}$/);
    expect(registration).toMatch(/^製品登録番号 \d{4}-\d{4}-\d{4}$/);
    expect(key).toMatch(/^インストールキー /);
    expect((await admin(db, ['revoke', '--number', number!])).stdout).toContain('revoked');
    expect((await admin(db, ['list'])).stdout).toContain(`${number}\tsakura-kaikei\tpackage\tperpetual`);
  }, 30_000);

  it('seeds a demo database with every interesting state', async () => {
    const db = tempDb();
    const out = (await admin(db, ['seed-demo'])).stdout;
    for (const what of [
      'renewal window open',
      'past the resumption deadline',
      'trial',
      'moved',
      'revoked',
      'previous renewal unpaid',
      'expired download edition',
    ]) {
      expect(out).toContain(what);
    }
  }, 30_000);

  it('moves the clock only in demo mode, and says so loudly', async () => {
    const db = tempDb();
    const refused = await admin(db, ['clock', '--advance-days', '30']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('only in demo mode');
    const moved = await admin(db, ['clock', '--advance-days', '30'], { LICENSE_SERVICE_DEMO: '1' });
    expect(moved.stdout).toMatch(/^DEMO CLOCK: .* \(offset 30 days\)/);
  }, 30_000);

  it('explains bad usage with exit code 2', async () => {
    const result = await admin(tempDb(), ['issue', '--product', 'sakura-kaikei', '--edition', 'box']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--edition must be package or download');
    expect(result.stderr).toContain('usage: npm run admin');
  }, 30_000);
});
