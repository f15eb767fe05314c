import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DatabaseTooNewError } from '../../../src-shared/storage/migrations';
import { serverMigrations } from '../../../src-server/store/migrations';
import { postgresMigrations } from '../../../src-server/store/postgres/migrations';
import { numberPlaceholders, PostgresStore } from '../../../src-server/store/postgres/postgres-store';
import { freshPostgresDatabase, testStores } from '../../integration/helpers/test-stores';

describe('PostgreSQL store basics', () => {
  it('has a migration in PostgreSQL’s dialect for every SQLite migration, with the same names', () => {
    expect(postgresMigrations.map((m) => [m.version, m.name])).toEqual(serverMigrations.map((m) => [m.version, m.name]));
  });

  it('numbers placeholders', () => {
    expect(numberPlaceholders('SELECT 1 WHERE a = ? AND b IN (?, ?)')).toBe('SELECT 1 WHERE a = $1 AND b IN ($2, $3)');
  });
});

describe.runIf(testStores().includes('postgres'))('PostgreSQL store on a real database', () => {
  it('migrates a fresh database once when two instances open it at the same time', async () => {
    const url = await freshPostgresDatabase();
    const stores = await Promise.all([PostgresStore.open(url), PostgresStore.open(url)]);
    try {
      const versions = await stores[0]!.session.all<{ version: number }>(
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      expect(versions.map((v) => v.version)).toEqual(postgresMigrations.map((m) => m.version));
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('refuses a database migrated by a newer program', async () => {
    const url = await freshPostgresDatabase();
    const store = await PostgresStore.open(url);
    await store.session.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 'now')");
    await store.close();
    await expect(PostgresStore.open(url)).rejects.toThrow(DatabaseTooNewError);
  });

  it('reads bigints as numbers, and refuses one that would lose digits', async () => {
    const store = await PostgresStore.open(await freshPostgresDatabase());
    try {
      expect(await store.session.get('SELECT 9007199254740991::bigint AS n')).toEqual({ n: 9007199254740991 });
      await expect(store.session.get('SELECT 9007199254740993::bigint AS n')).rejects.toThrow(/not a safe integer/);
    } finally {
      await store.close();
    }
  });

  it('rolls a unit of work back when it throws, and joins an outer one when nested', async () => {
    const store = await PostgresStore.open(await freshPostgresDatabase());
    try {
      const insert = (offset: number) => store.session.run('INSERT INTO demo_clock (id, offset_ms) VALUES (1, ?)', [offset]);
      await expect(
        store.withTransaction(async () => {
          await store.withTransaction(() => insert(5));
          throw new Error('no');
        }),
      ).rejects.toThrow('no');
      expect(await store.session.get('SELECT offset_ms FROM demo_clock')).toBeUndefined();
      await store.withTransaction(() => insert(7));
      expect(await store.session.get('SELECT offset_ms FROM demo_clock')).toEqual({ offset_ms: 7 });
    } finally {
      await store.close();
    }
  });

  it('migration 4 keeps every payment, gives money known only as received_yen its own row, and sums the ledger', async () => {
    const url = await freshPostgresDatabase();
    // The database as the first release (migrations 1–3) left it, with money recorded the old way.
    const old = new pg.Client({ connectionString: url });
    await old.connect();
    const at = '2026-11-01T00:00:00.000Z';
    try {
      await old.query(
        'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
      );
      for (const m of postgresMigrations.slice(0, 3)) {
        await old.query(m.up);
        await old.query('INSERT INTO schema_migrations VALUES ($1, $2, $3)', [m.version, m.name, at]);
      }
      await old.query(
        `INSERT INTO licenses (id, number, product, edition, kind, term_start, term_end, created_at, updated_at)
         VALUES ('lic', 'N', 'sakura-kaikei', 'package', 'perpetual', '2026-01-01', '2026-12-31', $1, $1)`,
        [at],
      );
      for (const id of ['q-support', 'q-card', 'q-paid'])
        await old.query(
          `INSERT INTO quotes (id, license_id, plan_kind, months, options, body, total_yen, created_at, expires_at)
           VALUES ($1, 'lic', 'continuous', 12, '[]', '{}', 50600, $2, $2)`,
          [id, at],
        );
      for (const [id, quote, key, method, state, received] of [
        ['o-support', 'q-support', 'k1', 'bank-transfer', 'needs-support', 60000],
        ['o-card', 'q-card', 'k2', 'card', 'paid', null],
        ['o-paid', 'q-paid', 'k3', 'bank-transfer', 'paid', 50600],
      ])
        await old.query(
          `INSERT INTO orders (id, license_id, quote_id, idempotency_key, request_hash, method, state, amount_yen, months, options,
             due_on, received_yen, response, created_at, updated_at)
           VALUES ($1, 'lic', $2, $3, 'h', $4, $5, 50600, 12, '[]', NULL, $6, '{}', $7, $7)`,
          [id, quote, key, method, state, received, at],
        );
      await old.query(
        `INSERT INTO payments (order_id, provider, method, amount_yen, outcome, reference, created_at) VALUES
           ('o-card', 'sandbox', 'card', 50600, 'succeeded', 'card-4242', $1),
           ('o-paid', 'sandbox', 'bank-transfer', 50600, 'received', '2026-11-01', $1)`,
        [at],
      );
    } finally {
      await old.end();
    }
    const store = await PostgresStore.open(url);
    try {
      expect(
        await store.session.all(
          'SELECT order_id AS "orderId", outcome, amount_yen AS "amountYen", reference, received_on AS "receivedOn" FROM payments ORDER BY order_id',
        ),
      ).toEqual([
        { orderId: 'o-card', outcome: 'succeeded', amountYen: 50600, reference: 'card-4242', receivedOn: null },
        { orderId: 'o-paid', outcome: 'received', amountYen: 50600, reference: '2026-11-01', receivedOn: '2026-11-01' },
        {
          orderId: 'o-support',
          outcome: 'received',
          amountYen: 60000,
          reference: 'recorded before the ledger',
          receivedOn: null,
        },
      ]);
      const received = await store.session.all<{ id: string; r: number | null }>(
        'SELECT id, received_yen AS r FROM orders ORDER BY id',
      );
      expect(Object.fromEntries(received.map((o) => [o.id, o.r]))).toEqual({
        'o-support': 60000,
        'o-card': 50600,
        'o-paid': 50600,
      });
      const pay = (order: string, outcome: string, amount: number) =>
        store.session.run(
          "INSERT INTO payments (order_id, provider, method, amount_yen, outcome, created_at) VALUES (?, 'sandbox', 'card', ?, ?, ?)",
          [order, amount, outcome, at],
        );
      // Still at most one successful charge per order; receipts may now be several, each within the bounds.
      await expect(pay('o-card', 'succeeded', 1)).rejects.toThrow(/payments_one_charge/);
      await pay('o-support', 'received', 1);
      await expect(pay('o-support', 'received', 100000001)).rejects.toThrow(/payments_amount_yen_check/);
      await expect(pay('o-support', 'refunded', 1)).resolves.toBe(1);
    } finally {
      await store.close();
    }
  });

  it("migration 6 backfills each paid order's JST payment day as SQLite's does", async () => {
    const url = await freshPostgresDatabase();
    const old = new pg.Client({ connectionString: url });
    await old.connect();
    const lateUtc = '2026-10-31T20:00:00.000Z'; // 05:00 on 1 November in Japan
    try {
      await old.query(
        'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
      );
      for (const m of postgresMigrations.slice(0, 5)) {
        await old.query(m.up);
        await old.query('INSERT INTO schema_migrations VALUES ($1, $2, $3)', [m.version, m.name, lateUtc]);
      }
      await old.query(
        `INSERT INTO licenses (id, number, product, edition, kind, term_start, term_end, created_at, updated_at)
         VALUES ('lic', 'N', 'model-studio', 'download', 'perpetual', '2026-01-01', '2026-12-31', $1, $1)`,
        [lateUtc],
      );
      for (const [id, method, state] of [
        ['card', 'card', 'paid'],
        ['transfer', 'bank-transfer', 'paid'],
        ['pending', 'bank-transfer', 'pending'],
      ]) {
        await old.query(
          `INSERT INTO quotes (id, license_id, plan_kind, months, options, body, total_yen, created_at, expires_at)
           VALUES ($1, 'lic', 'continuous', 12, '[]', '{}', 1, $2, $2)`,
          [`q-${id}`, lateUtc],
        );
        await old.query(
          `INSERT INTO orders (id, license_id, quote_id, idempotency_key, request_hash, method, state, amount_yen, months, options,
             response, created_at, updated_at) VALUES ($1, 'lic', $2, $3, 'h', $4, $5, 1, 12, '[]', '{}', $6, $6)`,
          [id, `q-${id}`, `k-${id}`, method, state, lateUtc],
        );
      }
      await old.query(
        `INSERT INTO payments (order_id, provider, method, amount_yen, outcome, reference, received_on, created_at)
         VALUES ('transfer', 'sandbox', 'bank-transfer', 1, 'received', 'transfer 2026-11-04', '2026-11-04', $1)`,
        [lateUtc],
      );
    } finally {
      await old.end();
    }
    const store = await PostgresStore.open(url);
    try {
      expect(await store.session.all('SELECT id, paid_on AS "paidOn" FROM orders ORDER BY id')).toEqual([
        { id: 'card', paidOn: '2026-11-01' },
        { id: 'pending', paidOn: null },
        { id: 'transfer', paidOn: '2026-11-04' },
      ]);
    } finally {
      await store.close();
    }
  });
});
