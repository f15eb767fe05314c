import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { prepareDatabase } from '../../src-shared/storage/migrations';
import { appMigrations } from './app-migrations';

export type AppDatabase = Database.Database;

/**
 * Opens the desktop app's database. Under Electron, `nativeBinding` points at the better-sqlite3 build made for
 * Electron's ABI (see scripts/electron-native.mjs); under Node the package's own build is used.
 */
export function openAppDatabase(file: string, nativeBinding?: string): AppDatabase {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return prepareDatabase(new Database(file, nativeBinding ? { nativeBinding } : {}), appMigrations);
}
