import pg from 'pg';
import { type Dialect, type SqlSession, type Store } from '../store';
import { BUSY_TIMEOUT_MS } from '../database';
import { TransactionScope } from '../unit-of-work';
import { migratePostgres } from './migrate';

const POSTGRES: Dialect = {
  licenseOptionsJson: `(SELECT COALESCE(json_agg(json_build_object('code', o.code, 'end', o.term_end) ORDER BY o.code), '[]'::json)::text
                          FROM license_options o WHERE o.license_id = l.id)`,
  orderInsertionOrder: 'seq',
};

/** SQLSTATEs after which the whole unit of work is run again: serialization failure, deadlock, a unique key taken by
 * a transaction that committed meanwhile (the retry then finds its row: an order replays, a trial is refused). */
const RETRYABLE = new Set(['40001', '40P01', '23505']);
/**
 * How long a unit of work keeps being re-run after serialization failures: as long as a SQLite writer waits for the
 * write lock. Small tables are read by whole-table scans, whose predicate locks make concurrent orders conflict
 * often (two processes, 200 concurrent orders: about five re-runs per order, at most 17 for one, in the tests).
 */
const RETRY_FOR_MS = BUSY_TIMEOUT_MS;

/** `?` placeholders (the repositories' dialect-neutral SQL) as PostgreSQL's `$1, $2, …`. No SQL here has a `?` inside a literal. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** bigint (money sums, counts, identities) as a JavaScript number, refused when it would lose digits. */
function parseBigint(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`a bigint from the database is not a safe integer: ${text}`);
  return value;
}
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8
      ? parseBigint
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The store for several service instances on several machines: one PostgreSQL database. Every unit of work runs at
 * SERIALIZABLE, so the exactly-once rules the SQLite store gets from one writer at a time hold here too: a
 * transaction that would have seen another's writes fails with 40001 and runs again from the start (its reads
 * then see the committed rows, e.g. the order placed under the same Idempotency-Key, which it replays).
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly dialect = POSTGRES;
  readonly session: SqlSession;
  private readonly scope = new TransactionScope<pg.PoolClient>();

  private constructor(private readonly pool: pg.Pool) {
    const query = async <R>(sql: string, params: readonly unknown[] = []) => {
      const client = this.scope.current();
      const text = numberPlaceholders(sql);
      return client
        ? client.query<R & pg.QueryResultRow>(text, [...params])
        : pool.query<R & pg.QueryResultRow>(text, [...params]);
    };
    const queryColumns = async <R extends unknown[]>(sql: string, params: readonly unknown[] = []) => {
      const config: pg.QueryArrayConfig = { text: numberPlaceholders(sql), values: [...params], rowMode: 'array' };
      const client = this.scope.current();
      return client ? client.query<R>(config) : pool.query<R>(config);
    };
    this.session = {
      get: async <R>(sql: string, params?: readonly unknown[]) => (await query<R>(sql, params)).rows[0] as R | undefined,
      getColumns: async <R extends readonly unknown[]>(sql: string, params?: readonly unknown[]) =>
        (await queryColumns<unknown[]>(sql, params)).rows[0] as R | undefined,
      all: async <R>(sql: string, params?: readonly unknown[]) => (await query<R>(sql, params)).rows as R[],
      run: async (sql: string, params?: readonly unknown[]) => (await query(sql, params)).rowCount ?? 0,
    };
  }

  static async open(connectionString: string, options: { maxConnections?: number } = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString, max: options.maxConnections ?? 10, types });
    // An idle connection the server dropped must not take the process down.
    pool.on('error', () => undefined);
    try {
      await migratePostgres(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresStore(pool);
  }

  async withTransaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.scope.current()) return fn();
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
        const result = await this.scope.run(client, fn);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        const code = (error as { code?: unknown }).code;
        // A unique key that is still taken after a retry or two is a real conflict, not a race.
        if (typeof code !== 'string' || !RETRYABLE.has(code)) throw error;
        if (code === '23505' ? attempt >= 3 : Date.now() - started > RETRY_FOR_MS) throw error;
      } finally {
        client.release();
      }
      // Backs off with jitter, so the transactions that collided do not collide again in lockstep.
      await sleep(Math.random() * Math.min(100, 2 ** attempt));
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
