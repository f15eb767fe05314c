import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseTooNewError, migrate, type Migration } from '../../../src-shared/storage/migrations';
import { openAppDatabase } from '../../../src-main/store/app-database';
import { appMigrations } from '../../../src-main/store/app-migrations';
import { serverMigrations } from '../../../src-server/store/migrations';

const tmpFile = (name: string) => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'migr-')), name);

const list: Migration[] = [
  { version: 1, name: 'a', up: 'CREATE TABLE a (x INTEGER);' },
  { version: 2, name: 'b', up: 'CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (1);' },
];

describe('migration runner', () => {
  it('applies pending migrations in order, records user_version, and is idempotent', () => {
    const db = new Database(':memory:');
    expect(migrate(db, list.slice(0, 1))).toEqual([1]);
    expect(migrate(db, list)).toEqual([2]);
    expect(migrate(db, list)).toEqual([]);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare('SELECT count(*) AS n FROM a').get()).toEqual({ n: 1 });
  });

  it('applies all pending migrations in one transaction: a failing one leaves nothing behind', () => {
    const db = new Database(':memory:');
    const broken = [...list, { version: 3, name: 'broken', up: 'CREATE TABLE c (z); INSERT INTO nowhere VALUES (1);' }];
    expect(() => migrate(db, broken)).toThrow(/nowhere/);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([]);
  });

  it('refuses a database written by a newer program, with a clear message', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 9');
    expect(() => migrate(db, list)).toThrow(DatabaseTooNewError);
    expect(() => migrate(db, list)).toThrow(/schema version 9, newer than this program supports \(2\)/);
  });

  it('rejects a list with gaps', () => {
    expect(() => migrate(new Database(':memory:'), [list[1]!])).toThrow(/expected 1/);
  });

  it('the app and server lists are numbered 1..n', () => {
    appMigrations.forEach((m, i) => expect(m.version).toBe(i + 1));
    serverMigrations.forEach((m, i) => expect(m.version).toBe(i + 1));
  });
});

describe('app database', () => {
  it('opens a real file with WAL, synchronous=FULL and foreign keys on', () => {
    const db = openAppDatabase(tmpFile('app.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(appMigrations.length);
    db.close();
  });

  it('loads better-sqlite3 from an explicit nativeBinding path, as the Electron build does', () => {
    const copy = tmpFile('better_sqlite3.node');
    fs.copyFileSync(path.resolve(__dirname, '../../../node_modules/better-sqlite3/build/Release/better_sqlite3.node'), copy);
    const db = openAppDatabase(tmpFile('app.sqlite'), copy);
    expect(db.prepare('SELECT 1 AS one').get()).toEqual({ one: 1 });
    db.close();
    expect(() => openAppDatabase(tmpFile('app.sqlite'), tmpFile('missing.node'))).toThrow();
  });

  it('refuses to open an app database from a newer version and leaves it untouched', () => {
    const file = tmpFile('newer.sqlite');
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openAppDatabase(file)).toThrow(DatabaseTooNewError);
    const again = new Database(file);
    expect(again.pragma('user_version', { simple: true })).toBe(99);
    again.close();
  });
});

describe('license service migrations', () => {
  it('v1 → latest keeps existing licenses and gives them safe defaults', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, serverMigrations.slice(0, 1));
    db.prepare(
      `INSERT INTO licenses (id, number, product, edition, kind, term_start, term_end, created_at, updated_at)
       VALUES ('l1', 'AAAA-BBBB-CCCC-DDDD', 'sakura-kaikei', 'package', 'perpetual', '2026-01-01', '2026-12-31', 'x', 'x')`,
    ).run();
    expect(migrate(db, serverMigrations)).toEqual(serverMigrations.slice(1).map((m) => m.version));
    expect(db.prepare('SELECT number, auto_renew, customer_id, registered_at FROM licenses').get()).toEqual({
      number: 'AAAA-BBBB-CCCC-DDDD',
      auto_renew: 0,
      customer_id: null,
      registered_at: null,
    });
  });

  it('lets the database, not only the code, refuse a second Idempotency-Key use and a second charge', () => {
    const db = new Database(':memory:');
    migrate(db, serverMigrations);
    db.prepare(
      "INSERT INTO licenses (id, number, product, edition, kind, term_start, term_end, created_at, updated_at) VALUES ('l', 'N', 'p', 'package', 'perpetual', '2026-01-01', '2026-12-31', 'x', 'x')",
    ).run();
    db.prepare(
      "INSERT INTO quotes (id, license_id, plan_kind, months, options, body, total_yen, created_at, expires_at) VALUES ('q', 'l', 'continuous', 12, '[]', '{}', 1, 'x', 'x')",
    ).run();
    const order = db.prepare(
      "INSERT INTO orders (id, license_id, quote_id, idempotency_key, request_hash, method, state, amount_yen, months, options, response, created_at, updated_at) VALUES (?, 'l', 'q', ?, 'h', 'card', 'paid', 1, 12, '[]', '{}', 'x', 'x')",
    );
    order.run('o1', 'key');
    expect(() => order.run('o2', 'key')).toThrow(/UNIQUE/);
    const pay = db.prepare(
      "INSERT INTO payments (order_id, provider, method, amount_yen, outcome, created_at) VALUES ('o1', 'sandbox', 'card', 1, ?, 'x')",
    );
    pay.run('declined');
    pay.run('succeeded');
    expect(() => pay.run('succeeded')).toThrow(/UNIQUE/);
    // One live order per quote; a declined one does not count.
    db.prepare("UPDATE orders SET state = 'declined' WHERE id = 'o1'").run();
    order.run('o2', 'key-2');
    expect(() => order.run('o3', 'key-3')).toThrow(/UNIQUE/);
  });
});
