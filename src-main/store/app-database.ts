import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from '../../src-shared/storage/migrations';
import { appMigrations } from './app-migrations';

export type AppDatabase = Database.Database;

/**
 * Opens the desktop app's database. Under Electron, `nativeBinding` points at the better-sqlite3 build made for
 * Electron's ABI (see scripts/electron-native.mjs); under Node the package's own build is used.
 */
export function openAppDatabase(file: string, nativeBinding?: string): AppDatabase {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, nativeBinding ? { nativeBinding } : {});
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  try {
    migrate(db, appMigrations);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
