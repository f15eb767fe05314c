import { type ServerConfig } from '../config';
import { SqliteStore } from './sqlite/sqlite-store';
import { type Store } from './store';

/**
 * PostgreSQL when `databaseUrl` is set (LICENSE_SERVICE_DATABASE_URL), else the SQLite file at `dbPath`. The
 * PostgreSQL adapter (and `pg`) is loaded only when asked for: a SQLite service or admin CLI starts without it.
 */
export async function openStore(config: Pick<ServerConfig, 'dbPath' | 'databaseUrl'>): Promise<Store> {
  if (!config.databaseUrl) return SqliteStore.open(config.dbPath);
  const { PostgresStore } = await import('./postgres/postgres-store');
  return PostgresStore.open(config.databaseUrl);
}
