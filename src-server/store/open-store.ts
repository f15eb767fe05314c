import { type ServerConfig } from '../config';
import { SqliteStore } from './sqlite/sqlite-store';
import { type Store } from './store';

/** PostgreSQL when `databaseUrl` is set (LICENSE_SERVICE_DATABASE_URL), else the SQLite file at `dbPath`. */
export async function openStore(config: Pick<ServerConfig, 'dbPath'>): Promise<Store> {
  return SqliteStore.open(config.dbPath);
}
