import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from '../../src-shared/storage/migrations';
import { serverMigrations } from './migrations';

export type ServerDatabase = Database.Database;

/** How long a writer waits for another (a second service process, the admin CLI) before giving up. */
export const BUSY_TIMEOUT_MS = 15_000;

export function openServerDatabase(file: string): ServerDatabase {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  // As prepareDatabase (DESIGN.md, Storage), but the migrations run under the write lock: two processes opening a
  // fresh file at once must not both apply migration 1, so the second waits, then finds the schema current.
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.transaction(() => migrate(db, serverMigrations)).immediate();
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
