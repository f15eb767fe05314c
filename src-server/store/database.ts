import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from '../../src-shared/storage/migrations';
import { serverMigrations } from './migrations';

export type ServerDatabase = Database.Database;

export function openServerDatabase(file: string): ServerDatabase {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  try {
    migrate(db, serverMigrations);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
