import { type Dialect, type SqlSession, type Store } from '../store';
import { openServerDatabase, type ServerDatabase } from '../database';
import { StatementCache } from '../statement-cache';
import { Mutex, TransactionScope } from '../unit-of-work';

const SQLITE: Dialect = {
  // No ORDER BY inside the aggregate: it costs a temporary b-tree on every license read (about 5 µs of a
  // validation's); the repository sorts the options by code.
  licenseOptionsJson: `(SELECT json_group_array(json_object('code', o.code, 'end', o.term_end))
                          FROM license_options o WHERE o.license_id = l.id)`,
  orderInsertionOrder: 'rowid',
};

/**
 * The embedded store: one SQLite file (WAL, synchronous=FULL), shared by the processes of one host. The connection
 * is synchronous and one per process, so a mutex keeps the process's transactions and statements apart (a
 * statement of another request must not land inside an open transaction); across processes BEGIN IMMEDIATE makes
 * a second writer wait for the first (busy timeout).
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly dialect = SQLITE;
  readonly session: SqlSession;
  private readonly statements: StatementCache;
  /** The same SQL prepared apart in raw mode (a statement's mode is its own, and the cache shares statements). */
  private readonly columnStatements: StatementCache;
  private readonly mutex = new Mutex();
  private readonly scope = new TransactionScope<true>();

  constructor(readonly db: ServerDatabase) {
    this.statements = new StatementCache(db);
    this.columnStatements = new StatementCache(db, { raw: true });
    const inScope = <T>(fn: () => T): Promise<T> => (this.scope.current() ? Promise.resolve(fn()) : this.mutex.runStatement(fn));
    this.session = {
      get: <R>(sql: string, params: readonly unknown[] = []) =>
        inScope(() => this.statements.prepare<unknown[], R>(sql).get(...params)),
      getColumns: <R extends readonly unknown[]>(sql: string, params: readonly unknown[] = []) =>
        inScope(() => this.columnStatements.prepare<unknown[], R>(sql).get(...params)),
      all: <R>(sql: string, params: readonly unknown[] = []) =>
        inScope(() => this.statements.prepare<unknown[], R>(sql).all(...params)),
      run: (sql: string, params: readonly unknown[] = []) => inScope(() => this.statements.prepare(sql).run(...params).changes),
    };
  }

  static open(file: string): SqliteStore {
    return new SqliteStore(openServerDatabase(file));
  }

  withTransaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.scope.current()) return fn();
    return this.mutex.run(async () => {
      // BEGIN IMMEDIATE takes the write lock before the first read (see docs/service.md, Store).
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await this.scope.run(true, fn);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async close(): Promise<void> {
    await this.mutex.run(() => this.db.close());
  }
}
