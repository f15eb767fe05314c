import { type ServerConfig } from '../config';
import { SqliteStore } from './sqlite/sqlite-store';
import { type Store } from './store';

/** What openStore needs of the PostgreSQL adapter module, which is loaded only when asked for. */
export type PostgresAdapter = { PostgresStore: { open: (connectionString: string) => Promise<Store> } };

/**
 * PostgreSQL when `databaseUrl` is set (LICENSE_SERVICE_DATABASE_URL), else the SQLite file at `dbPath`. The
 * PostgreSQL adapter (and `pg`) is loaded only when asked for: a SQLite service or admin CLI starts without it. A
 * validation worker passes its own loader (see validation-worker.ts).
 */
export async function openStore(
  config: Pick<ServerConfig, 'dbPath' | 'databaseUrl'>,
  loadPostgres: () => Promise<PostgresAdapter> = () => import('./postgres/postgres-store'),
): Promise<Store> {
  if (!config.databaseUrl) return SqliteStore.open(config.dbPath);
  const { PostgresStore } = await loadPostgres();
  return PostgresStore.open(config.databaseUrl);
}
