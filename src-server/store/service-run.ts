import { type ServerConfig } from '../config';
import { type SqlSession } from './store';

/** What the last service process started on this database said it was. */
export type ServiceRun = { mode: ServerConfig['mode']; demo: boolean; startedAt: string };

/**
 * Recorded by the service at start, so the admin CLI working on the same database knows whether it belongs to
 * a demo service (whose clock it may move) or a real one (whose clock nobody moves).
 */
export async function recordServiceRun(
  sql: SqlSession,
  config: Pick<ServerConfig, 'mode' | 'demo'>,
  nowIso: string,
): Promise<void> {
  await sql.run(
    `INSERT INTO service_runs (id, mode, demo, started_at) VALUES (1, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET mode = excluded.mode, demo = excluded.demo, started_at = excluded.started_at`,
    [config.mode, config.demo ? 1 : 0, nowIso],
  );
}

export async function lastServiceRun(sql: SqlSession): Promise<ServiceRun | null> {
  const row = await sql.get<{ mode: ServerConfig['mode']; demo: number; started_at: string }>(
    'SELECT mode, demo, started_at FROM service_runs WHERE id = 1',
  );
  return row ? { mode: row.mode, demo: row.demo === 1, startedAt: row.started_at } : null;
}
