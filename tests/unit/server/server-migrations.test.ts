import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-shared/storage/migrations';
import { openServerDatabase } from '../../../src-server/store/database';
import { serverMigrations } from '../../../src-server/store/migrations';

const AT = '2026-11-01T00:00:00.000Z';

/** A database as the first release (migrations 1–3) left it, with money recorded the old way. */
function releaseOneDatabase(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'server-migrations-')), 'service.sqlite');
  const db = new Database(file);
  migrate(db, serverMigrations.slice(0, 3));
  db.prepare(
    `INSERT INTO licenses (id, number, product, edition, kind, term_start, term_end, created_at, updated_at)
     VALUES ('lic', 'N', 'sakura-kaikei', 'package', 'perpetual', '2026-01-01', '2026-12-31', ?, ?)`,
  ).run(AT, AT);
  const order = db.prepare(
    `INSERT INTO orders (id, license_id, quote_id, idempotency_key, request_hash, method, state, amount_yen, months, options,
       due_on, received_yen, response, created_at, updated_at)
     VALUES (?, 'lic', ?, ?, 'h', ?, ?, 50600, 12, '[]', NULL, ?, '{}', ?, ?)`,
  );
  for (const id of ['q-support', 'q-card', 'q-paid']) {
    db.prepare(
      `INSERT INTO quotes (id, license_id, plan_kind, months, options, body, total_yen, created_at, expires_at)
       VALUES (?, 'lic', 'continuous', 12, '[]', '{}', 50600, ?, ?)`,
    ).run(id, AT, AT);
  }
  // Overpaid before the ledger: the amount lived only in received_yen.
  order.run('o-support', 'q-support', 'k1', 'bank-transfer', 'needs-support', 60000, AT, AT);
  order.run('o-card', 'q-card', 'k2', 'card', 'paid', null, AT, AT);
  order.run('o-paid', 'q-paid', 'k3', 'bank-transfer', 'paid', 50600, AT, AT);
  const payment = db.prepare(
    `INSERT INTO payments (order_id, provider, method, amount_yen, outcome, reference, created_at) VALUES (?, 'sandbox', ?, 50600, ?, ?, ?)`,
  );
  payment.run('o-card', 'card', 'succeeded', 'card-4242', AT);
  payment.run('o-paid', 'bank-transfer', 'received', '2026-11-01', AT);
  db.close();
  return file;
}

describe('server migration 4: payments ledger', () => {
  it('keeps every payment, gives money known only as received_yen its own row, and sums the ledger', () => {
    const db = openServerDatabase(releaseOneDatabase());
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(serverMigrations.length);
      const rows = db
        .prepare(
          'SELECT order_id AS orderId, outcome, amount_yen AS amountYen, reference, received_on AS receivedOn FROM payments ORDER BY order_id',
        )
        .all();
      expect(rows).toEqual([
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
      const received = Object.fromEntries(
        db
          .prepare<[], { id: string; r: number | null }>('SELECT id, received_yen AS r FROM orders')
          .all()
          .map((o) => [o.id, o.r]),
      );
      expect(received).toEqual({ 'o-support': 60000, 'o-card': 50600, 'o-paid': 50600 });
      // Still at most one successful charge per order, enforced by the database; receipts may now be several.
      expect(() =>
        db
          .prepare(
            "INSERT INTO payments (order_id, provider, method, amount_yen, outcome, created_at) VALUES ('o-card', 'sandbox', 'card', 1, 'succeeded', ?)",
          )
          .run(AT),
      ).toThrow(/UNIQUE/);
      db.prepare(
        "INSERT INTO payments (order_id, provider, method, amount_yen, outcome, created_at) VALUES ('o-support', 'sandbox', 'bank-transfer', 1, 'received', ?)",
      ).run(AT);
      expect(() =>
        db
          .prepare(
            "INSERT INTO payments (order_id, provider, method, amount_yen, outcome, created_at) VALUES ('o-support', 'sandbox', 'bank-transfer', 100000001, 'received', ?)",
          )
          .run(AT),
      ).toThrow(/CHECK/);
      expect(db.prepare("SELECT cleared_at, placed_on_term_end FROM orders WHERE id = 'o-support'").get()).toEqual({
        cleared_at: null,
        placed_on_term_end: null,
      });
    } finally {
      db.close();
    }
  });

  it('a second connection to a freshly migrated file finds it current', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'server-migrations-')), 'service.sqlite');
    const dbs = [openServerDatabase(file), openServerDatabase(file)];
    expect(dbs.map((db) => db.pragma('user_version', { simple: true }))).toEqual([
      serverMigrations.length,
      serverMigrations.length,
    ]);
    for (const db of dbs) db.close();
  });
});

describe('server migration 6: several licenses of one customer', () => {
  it("backfills each paid order's JST payment day: the day received for a transfer, the charge's JST day for a card", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'server-migrations-')), 'service.sqlite');
    const db = new Database(file);
    migrate(db, serverMigrations.slice(0, 5));
    db.prepare(
      `INSERT INTO licenses (id, number, product, edition, kind, term_start, term_end, created_at, updated_at)
       VALUES ('lic', 'N', 'model-studio', 'download', 'perpetual', '2026-01-01', '2026-12-31', ?, ?)`,
    ).run(AT, AT);
    const quote = db.prepare(
      `INSERT INTO quotes (id, license_id, plan_kind, months, options, body, total_yen, created_at, expires_at)
       VALUES (?, 'lic', 'continuous', 12, '[]', '{}', 1, ?, ?)`,
    );
    const order = db.prepare(
      `INSERT INTO orders (id, license_id, quote_id, idempotency_key, request_hash, method, state, amount_yen, months, options,
         response, created_at, updated_at) VALUES (?, 'lic', ?, ?, 'h', ?, ?, 1, 12, '[]', '{}', ?, ?)`,
    );
    // 20:00 UTC on 31 October is 05:00 on 1 November in Japan.
    const lateUtc = '2026-10-31T20:00:00.000Z';
    for (const [id, method, state] of [
      ['card', 'card', 'paid'],
      ['transfer', 'bank-transfer', 'paid'],
      ['pending', 'bank-transfer', 'pending'],
    ] as const) {
      quote.run(`q-${id}`, lateUtc, lateUtc);
      order.run(id, `q-${id}`, `k-${id}`, method, state, lateUtc, lateUtc);
    }
    db.prepare(
      `INSERT INTO payments (order_id, provider, method, amount_yen, outcome, reference, received_on, created_at)
       VALUES ('transfer', 'sandbox', 'bank-transfer', 1, 'received', 'transfer 2026-11-04', '2026-11-04', ?)`,
    ).run(lateUtc);
    db.close();
    const migrated = openServerDatabase(file);
    try {
      expect(migrated.prepare('SELECT id, paid_on AS paidOn FROM orders ORDER BY id').all()).toEqual([
        { id: 'card', paidOn: '2026-11-01' },
        { id: 'pending', paidOn: null },
        { id: 'transfer', paidOn: '2026-11-04' },
      ]);
      expect(migrated.prepare("SELECT administrator_email AS a FROM customers WHERE id = 'none'").get()).toBeUndefined();
      expect(migrated.prepare('SELECT count(*) AS n FROM order_items').get()).toEqual({ n: 0 });
    } finally {
      migrated.close();
    }
  });
});
