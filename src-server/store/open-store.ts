import { type ServerConfig } from '../config';
import { PostgresStore } from './postgres/postgres-store';
import { SqliteStore } from './sqlite/sqlite-store';
import { type Store } from './store';

/** PostgreSQL when `databaseUrl` is set (LICENSE_SERVICE_DATABASE_URL), else the SQLite file at `dbPath`. */
export async function openStore(config: Pick<ServerConfig, 'dbPath' | 'databaseUrl'>): Promise<Store> {
  return config.databaseUrl ? PostgresStore.open(config.databaseUrl) : SqliteStore.open(config.dbPath);
}
