import type Database from 'better-sqlite3';
import { type ServerDatabase } from './database';

/**
 * Prepared statements, compiled once per SQL text: preparing costs more than running a small indexed query, and
 * the validation path runs several per request.
 */
export class StatementCache {
  private readonly statements = new Map<string, Database.Statement<unknown[], unknown>>();

  /** `raw`: statements answer rows as arrays of column values (better-sqlite3's raw mode) instead of objects. */
  constructor(
    private readonly db: ServerDatabase,
    private readonly options: { raw?: boolean } = {},
  ) {}

  prepare<P extends unknown[] = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (this.options.raw) statement.raw(true);
      this.statements.set(sql, statement);
    }
    return statement as unknown as Database.Statement<P, R>;
  }
}
