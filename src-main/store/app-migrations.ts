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
];
