// Numbered migrations applied in one transaction and recorded in `PRAGMA user_version`. The database handle is
// described structurally so the desktop store and the license service share this runner without this layer
// importing a native module.
export type Migration = { version: number; name: string; up: string };

export interface MigratableDatabase {
  pragma(source: string, options: { simple: true }): unknown;
  exec(source: string): unknown;
  transaction(fn: () => void): () => unknown;
}

export class DatabaseTooNewError extends Error {
  readonly code = 'database-too-new';
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `The database is at schema version ${found}, newer than this program supports (${supported}). Use a newer version of the program.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

export function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
}

/** Applies the missing migrations; returns the versions applied. Refuses a database newer than the list. */
export function migrate(db: MigratableDatabase, migrations: readonly Migration[]): number[] {
  checkMigrationList(migrations);
  const latest = migrations.length;
  const current = Number(db.pragma('user_version', { simple: true }));
  if (current > latest) throw new DatabaseTooNewError(current, latest);
  const pending = migrations.slice(current);
  if (pending.length === 0) return [];
  db.transaction(() => {
    for (const m of pending) db.exec(m.up);
    db.pragma(`user_version = ${latest}`, { simple: true });
  })();
  return pending.map((m) => m.version);
}

/**
 * How every database of the product is opened (DESIGN.md, Storage): WAL, synchronous=FULL, foreign keys, then the
 * pending migrations. A database the program cannot migrate is closed again before the error is thrown.
 */
export function prepareDatabase<D extends MigratableDatabase & { close(): unknown }>(db: D, migrations: readonly Migration[]): D {
  db.pragma('journal_mode = WAL', { simple: true });
  db.pragma('synchronous = FULL', { simple: true });
  db.pragma('foreign_keys = ON', { simple: true });
  db.pragma('busy_timeout = 5000', { simple: true });
  try {
    migrate(db, migrations);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
