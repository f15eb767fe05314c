import type pg from 'pg';
import { checkMigrationList, DatabaseTooNewError } from '../../../src-shared/storage/migrations';
import { postgresMigrations } from './migrations';

/** Any constant: the advisory lock two instances starting at once take, so only one applies the migrations. */
const MIGRATION_LOCK = 0x6c6963;

/**
 * Applies the missing migrations in one transaction under an advisory lock, recording each version in
 * `schema_migrations` (PostgreSQL has no `user_version`). Refuses a database newer than this program.
 */
export async function migratePostgres(pool: pg.Pool): Promise<number[]> {
  checkMigrationList(postgresMigrations);
  const latest = postgresMigrations.length;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const found = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
    const current = found.rows[0]?.v ?? 0;
    if (current > latest) throw new DatabaseTooNewError(current, latest);
    const pending = postgresMigrations.slice(current);
    for (const m of pending) {
      await client.query(m.up);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
    }
    await client.query('COMMIT');
    return pending.map((m) => m.version);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
