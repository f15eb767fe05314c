import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { prepareDatabase } from '../../src-shared/storage/migrations';
import { serverMigrations } from './migrations';

export type ServerDatabase = Database.Database;

export function openServerDatabase(file: string): ServerDatabase {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  return prepareDatabase(new Database(file), serverMigrations);
}
