import { describe, expect, it } from 'vitest';
import { adminCli, serviceDir, startServiceProcess } from './helpers/service-process';
import { freshPostgresDatabase, type TestStore, testStores } from './helpers/test-stores';

/** What points the CLI and the service at the store under test (PostgreSQL: a fresh database's URL). */
const storeEnv = async (store: TestStore): Promise<Record<string, string>> =>
  store === 'postgres' ? { LICENSE_SERVICE_DATABASE_URL: await freshPostgresDatabase() } : {};

// The admin CLI's input checks (issue 10 §2, (c)), its demo clock against a running demo service (b), and what
// seed-demo tells a presenter (d).

describe('admin issue refuses impossible dates', () => {
  it.each([
    ['--start', '2026-13-01'],
    ['--start', '2027-02-30'],
    ['--end', '2027-02-29'],
    ['--end', '2027-3-31'],
  ])('%s %s', async (flag, date) => {
    const dir = serviceDir('admin-dates-');
    const result = await adminCli(dir, ['issue', '--product', 'sakura-kaikei', '--edition', 'package', flag, date]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${flag} must be a real calendar date YYYY-MM-DD, got "${date}"`);
    expect((await adminCli(dir, ['list'])).stdout.trim()).toBe('');
  });

  it('accepts a leap day and refuses an end before the start', async () => {
    const dir = serviceDir('admin-dates-');
    const ok = await adminCli(dir, [
      'issue',
      '--product',
      'sakura-kaikei',
      '--edition',
      'download',
      '--start',
      '2028-02-29',
      '--months',
      '12',
    ]);
    expect(ok.code).toBe(0);
    const backwards = await adminCli(dir, [
      'issue',
      '--product',
      'sakura-kaikei',
      '--edition',
      'download',
      '--start',
      '2027-04-01',
      '--end',
      '2027-03-31',
    ]);
    expect(backwards).toMatchObject({ code: 2, stderr: expect.stringContaining('is before --start') });
  });
});

describe.each(testStores())('the money desk and the demo clock on %s', (store) => {
  describe('admin confirm-transfer reads amounts strictly and keeps a ledger', () => {
    it('refuses hex, separators, signs, fractions, zero and absurd sizes; then records two receipts as two rows', async () => {
      const dir = serviceDir('admin-amounts-');
      const env = await storeEnv(store);
      const seeded = (await adminCli(dir, ['seed-demo'], env)).stdout;
      const number = /^(\S+)\tprevious renewal unpaid/m.exec(seeded)![1]!;
      const shown = JSON.parse((await adminCli(dir, ['show', '--number', number], env)).stdout) as {
        orders: { id: string; amountYen: number }[];
      };
      const order = shown.orders[0]!;
      // Every form is covered in tests/unit/server/yen-amount.test.ts; here, that the CLI uses it.
      for (const amount of ['0xbd10', '123456789012345678901', '-1']) {
        const refused = await adminCli(dir, ['confirm-transfer', '--order', order.id, `--amount=${amount}`], env);
        expect(refused.code, amount).toBe(2);
        expect(refused.stderr).toContain('--amount: the amount must be whole yen in decimal digits');
      }
      const rest = order.amountYen - 1000;
      expect(await adminCli(dir, ['confirm-transfer', '--order', order.id, '--amount', '1000'], env)).toMatchObject({
        code: 0,
        stdout: expect.stringContaining(`needs-support\tunderpaid by ¥${rest}`),
      });
      await adminCli(dir, ['confirm-transfer', '--order', order.id, '--amount', String(rest)], env);
      const after = JSON.parse((await adminCli(dir, ['show', '--number', number], env)).stdout) as {
        orders: { receivedYen: number; state: string; payments: { outcome: string; amountYen: number }[] }[];
      };
      expect(after.orders[0]).toMatchObject({
        state: 'needs-support',
        receivedYen: order.amountYen,
        payments: [
          { outcome: 'received', amountYen: 1000 },
          { outcome: 'received', amountYen: rest },
        ],
      });
      expect(await adminCli(dir, ['refund', '--order', order.id, '--amount', '1000'], env)).toMatchObject({
        code: 0,
        stdout: expect.stringContaining(`received in all ¥${rest} of ¥${order.amountYen}`),
      });
      expect(await adminCli(dir, ['clear-order', '--order', order.id, '--note', 'refunded the first part'], env)).toMatchObject({
        code: 0,
      });
    }, 60_000);
  });

  describe('admin clock against the database of a running service', () => {
    it('moves the clock of a demo service without LICENSE_SERVICE_DEMO in the CLI’s own environment', async () => {
      const dir = serviceDir('admin-clock-');
      const env = await storeEnv(store);
      const service = await startServiceProcess(dir, { ...env, LICENSE_SERVICE_DEMO: '1' });
      try {
        const before = new Date(((await (await fetch(`${service.url}/v1/health`)).json()) as { serverTime: string }).serverTime);
        const moved = await adminCli(dir, ['clock', '--advance-days', '30'], env);
        expect(moved).toMatchObject({ code: 0, stdout: expect.stringMatching(/^DEMO CLOCK: .* \(offset 30 days\)/) });
        const response = await fetch(`${service.url}/v1/health`);
        const after = new Date(((await response.json()) as { serverTime: string }).serverTime);
        expect(after.getTime() - before.getTime()).toBeGreaterThan(30 * 86_400_000 - 60_000);
        expect(response.headers.get('x-demo-clock')).toBeTruthy();
        // The CLI works on that database with the moved clock too: a license issued now starts 30 days ahead.
        const issued = JSON.parse(
          (await adminCli(dir, ['issue', '--product', 'sakura-kaikei', '--edition', 'download', '--json'], env)).stdout,
        ) as { license: { termStart: string } };
        expect(issued.license.termStart > new Date(Date.now() + 29 * 86_400_000).toISOString().slice(0, 10)).toBe(true);
      } finally {
        await service.stop();
      }
    }, 60_000);

    it('refuses the database of a service that runs without demo mode, whatever the CLI’s environment says', async () => {
      const dir = serviceDir('admin-clock-');
      const env = await storeEnv(store);
      const service = await startServiceProcess(dir, env);
      try {
        for (const cliEnv of [{}, { LICENSE_SERVICE_DEMO: '1' }] as Record<string, string>[]) {
          const refused = await adminCli(dir, ['clock', '--advance-days', '30'], { ...env, ...cliEnv });
          expect(refused.code).toBe(2);
          expect(refused.stderr).toContain('belongs to a service that runs in development mode without demo mode');
        }
        const health = (await (await fetch(`${service.url}/v1/health`)).json()) as { serverTime: string };
        expect(Math.abs(new Date(health.serverTime).getTime() - Date.now())).toBeLessThan(60_000);
      } finally {
        await service.stop();
      }
    }, 60_000);
  });
});

describe('admin seed-demo', () => {
  it('says how to start the desktop app as each seeded product and which number to type', async () => {
    const out = (await adminCli(serviceDir('admin-seed-'), ['seed-demo'])).stdout;
    for (const product of ['sakura-kaikei', 'model-studio', 'menzei-terminal', 'shinsei-shien']) {
      expect(out).toContain(`npm run start:browser -- --product ${product}`);
      expect(out).toContain(`APP_PRODUCT=${product} npm start`);
    }
    const number = /^(\S+)\trenewal window open/m.exec(out)![1]!;
    expect(out).toContain(`type ${number} into ライセンス認証 (renewal window open`);
  }, 60_000);
});
