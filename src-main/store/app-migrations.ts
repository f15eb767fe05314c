import { type Migration } from '../../src-shared/storage/migrations';

// Listed explicitly; a released migration is never edited, a change is a new one.
export const appMigrations: Migration[] = [
  {
    version: 1,
    name: 'signed license',
    up: `
      CREATE TABLE license (
        id                INTEGER PRIMARY KEY CHECK (id = 1),
        payload           TEXT NOT NULL,
        signature         TEXT NOT NULL,
        key_id            TEXT NOT NULL,
        stored_at         TEXT NOT NULL,
        last_online_check TEXT
      );
    `,
  },
  {
    version: 2,
    name: 'launch: online check outcome, local stop, placed renewal, clock watermark, notices shown',
    up: `
      ALTER TABLE license ADD COLUMN last_attempt TEXT;
      ALTER TABLE license ADD COLUMN last_error TEXT;
      ALTER TABLE license ADD COLUMN stopped_as TEXT;
      ALTER TABLE license ADD COLUMN placed_renewal TEXT;
      CREATE TABLE app_state (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE notices_shown (
        code     TEXT NOT NULL,
        term_end TEXT NOT NULL,
        shown_at TEXT NOT NULL,
        PRIMARY KEY (code, term_end)
      );
    `,
  },
  {
    version: 3,
    name: 'renewal wizard progress',
    up: `
      CREATE TABLE renewal_wizard (
        id             INTEGER PRIMARY KEY CHECK (id = 1),
        license_number TEXT NOT NULL,
        state          TEXT NOT NULL,
        updated_at     TEXT NOT NULL
      );
    `,
  },
];
