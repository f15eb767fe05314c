/**
 * The service's database, whichever it is (SQLite embedded, PostgreSQL for several machines). Repositories speak
 * SQL through `session`; a unit of work runs in `withTransaction`, and every statement issued inside it (by any
 * repository, through the same session) belongs to that transaction. Statements outside one run on their own.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  readonly session: SqlSession;
  readonly dialect: Dialect;
  /**
   * Runs `fn` as one transaction: committed when it resolves, rolled back when it throws. Writers are serialised
   * (SQLite: BEGIN IMMEDIATE) or checked for conflicts (PostgreSQL: SERIALIZABLE, `fn` retried on a serialization
   * failure), so `fn` must have no effect outside the database. Nested calls join the outer transaction.
   */
  withTransaction<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Statements with `?` placeholders; a PostgreSQL session numbers them. */
export interface SqlSession {
  get<R>(sql: string, params?: readonly unknown[]): Promise<R | undefined>;
  /**
   * The first row as its columns' values in SELECT order, without building an object per row: for the one read a
   * validation makes, where naming twenty columns cost more than the statement itself.
   */
  getColumns<R extends readonly unknown[]>(sql: string, params?: readonly unknown[]): Promise<R | undefined>;
  all<R>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Resolves to the number of rows changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

/** The few SQL fragments the two databases spell differently. */
export type Dialect = {
  /** A license's options as a JSON array text of {code, end}, correlated on `l.id`; in any order (the repository sorts them). */
  licenseOptionsJson: string;
  /** The column that orders rows of `orders` inserted at the same instant by insertion. */
  orderInsertionOrder: string;
};
