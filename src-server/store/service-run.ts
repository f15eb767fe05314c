import { type ServerConfig } from '../config';
import { type ServerDatabase } from './database';

/** What the last service process started on this database said it was. */
export type ServiceRun = { mode: ServerConfig['mode']; demo: boolean; startedAt: string };

/**
 * Recorded by the service at start, so the admin CLI working on the same file knows whether the database belongs to
 * a demo service (whose clock it may move) or a real one (whose clock nobody moves).
 */
export function recordServiceRun(db: ServerDatabase, config: Pick<ServerConfig, 'mode' | 'demo'>, nowIso: string): void {
  db.prepare(
    `INSERT INTO service_runs (id, mode, demo, started_at) VALUES (1, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET mode = excluded.mode, demo = excluded.demo, started_at = excluded.started_at`,
  ).run(config.mode, config.demo ? 1 : 0, nowIso);
}

export function lastServiceRun(db: ServerDatabase): ServiceRun | null {
  const row = db
    .prepare<[], { mode: ServerConfig['mode']; demo: number; started_at: string }>(
      'SELECT mode, demo, started_at FROM service_runs WHERE id = 1',
    )
    .get();
  return row ? { mode: row.mode, demo: row.demo === 1, startedAt: row.started_at } : null;
}
