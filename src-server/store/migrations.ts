import { type Migration } from '../../src-shared/storage/migrations';

// Listed explicitly and never edited once released: a change is a new migration.
export const serverMigrations: Migration[] = [
  {
    version: 1,
    name: 'licenses and devices',
    up: `
      CREATE TABLE licenses (
        id            TEXT PRIMARY KEY,
        number        TEXT NOT NULL UNIQUE,
        product       TEXT NOT NULL,
        edition       TEXT NOT NULL CHECK (edition IN ('package', 'download')),
        kind          TEXT NOT NULL CHECK (kind IN ('perpetual', 'subscription', 'annual')),
        term_start    TEXT NOT NULL,
        term_end      TEXT NOT NULL,
        state         TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'moved', 'revoked', 'cancelled')),
        trial         INTEGER NOT NULL DEFAULT 0 CHECK (trial IN (0, 1)),
        device        TEXT,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        CHECK (term_start <= term_end)
      );
      CREATE TABLE license_options (
        license_id TEXT NOT NULL REFERENCES licenses(id) ON DELETE CASCADE,
        code       TEXT NOT NULL,
        term_end   TEXT NOT NULL,
        PRIMARY KEY (license_id, code)
      );
      CREATE TABLE activations (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        license_id  TEXT NOT NULL REFERENCES licenses(id),
        device      TEXT NOT NULL,
        app_version TEXT NOT NULL,
        at          TEXT NOT NULL
      );
      CREATE INDEX activations_license ON activations(license_id);
    `,
  },
];
