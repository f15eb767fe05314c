import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { freshPostgresDatabase, testStores } from './helpers/test-stores';

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
      'customer with 3 licenses (seed 003)',
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

describe.each(testStores())('admin CLI, several licenses of one customer (seed 003), on %s', (store) => {
  it('adds a license to the customer of another, sets the license administrator, and shows both', async () => {
    const db = tempDb();
    const env: Record<string, string> =
      store === 'postgres' ? { LICENSE_SERVICE_DATABASE_URL: await freshPostgresDatabase() } : {};
    const cli = (args: string[]) => admin(db, args, env);
    const first = (
      await cli(['issue', '--product', 'model-studio', '--edition', 'download', '--customer', '株式会社テスト'])
    ).stdout.trim();
    const second = await cli(['issue', '--product', 'model-studio', '--edition', 'download', '--same-customer-as', first]);
    expect(second.code).toBe(0);
    const secondNumber = second.stdout.trim();

    const bad = await cli(['set-administrator', '--number', secondNumber, '--email', 'not-an-address']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--email must be an e-mail address');
    const set = await cli(['set-administrator', '--number', secondNumber, '--email', 'kanri@example.jp']);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('license administrator kanri@example.jp');

    const shown = JSON.parse((await cli(['show', '--number', first])).stdout) as {
      customer: { name: string; administratorEmail: string };
      otherLicenses: { number: string }[];
    };
    expect(shown.customer).toMatchObject({ name: '株式会社テスト', administratorEmail: 'kanri@example.jp' });
    expect(shown.otherLicenses.map((l) => l.number)).toEqual([secondNumber]);

    const loner = (await cli(['issue', '--product', 'model-studio', '--edition', 'download'])).stdout.trim();
    const refused = await cli(['issue', '--product', 'model-studio', '--edition', 'download', '--same-customer-as', loner]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('has no customer');
    const noCustomer = await cli(['set-administrator', '--number', loner, '--email', 'kanri@example.jp']);
    expect(noCustomer.code).toBe(2);
    expect(noCustomer.stderr).toContain('has no customer');
    const both = await cli([
      'issue',
      '--product',
      'model-studio',
      '--edition',
      'download',
      '--same-customer-as',
      first,
      '--customer',
      'X',
    ]);
    expect(both.code).toBe(2);
  }, 90_000);
});
