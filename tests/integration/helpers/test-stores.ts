import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test cluster's admin URL (postgres database), or null when PostgreSQL could not be started. */
    pgUrl: string | null;
  }
}

export type TestStore = 'sqlite' | 'postgres';

/**
 * The stores the integration suites run against: both, unless LICENSE_SERVICE_TEST_STORES narrows them (the second
 * time-zone pass of `npm run test:unit` runs SQLite only). Without a PostgreSQL (no cluster could be started and no
 * LICENSE_SERVICE_TEST_PG_URL), PostgreSQL is left out with a loud message — except in CI, where its global setup
 * has already failed the run.
 */
export function testStores(): TestStore[] {
  const wanted = (process.env.LICENSE_SERVICE_TEST_STORES ?? 'sqlite,postgres').split(',').map((s) => s.trim());
  const stores = (['sqlite', 'postgres'] as const).filter((s) => wanted.includes(s));
  if (stores.includes('postgres') && !inject('pgUrl')) {
    if (process.env.CI) throw new Error('PostgreSQL is not available: the PostgreSQL variants of the tests cannot run');
    console.warn('\n*** PostgreSQL is not available: the PostgreSQL variants of these tests are SKIPPED ***\n');
    return stores.filter((s) => s !== 'postgres');
  }
  return stores;
}

/** A new, empty database on the test cluster; the service migrates it when it opens it. */
export async function freshPostgresDatabase(): Promise<string> {
  const adminUrl = inject('pgUrl');
  if (!adminUrl) throw new Error('PostgreSQL is not available');
  const name = `test_${crypto.randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
