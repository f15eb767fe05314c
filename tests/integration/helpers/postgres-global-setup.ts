import { type TestProject } from 'vitest/node';
import { type Cluster, startCluster } from './postgres-cluster';

/**
 * One PostgreSQL for the whole server test run (each suite creates its own database on it): the one named by
 * LICENSE_SERVICE_TEST_PG_URL, or a throwaway cluster started here and removed at the end. In CI a PostgreSQL that
 * cannot be started fails the run; elsewhere the PostgreSQL variants are skipped with a loud message.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const given = process.env.LICENSE_SERVICE_TEST_PG_URL;
  const wanted = (process.env.LICENSE_SERVICE_TEST_STORES ?? 'sqlite,postgres').includes('postgres');
  if (given || !wanted) {
    project.provide('pgUrl', given ?? null);
    return () => undefined;
  }
  let cluster: Cluster | null = null;
  try {
    const started = Date.now();
    cluster = await startCluster();
    console.log(`PostgreSQL test cluster at ${cluster.url} (started in ${Date.now() - started} ms)`);
  } catch (error) {
    if (process.env.CI) throw error;
    console.warn(`\n*** PostgreSQL could not be started; its test variants are SKIPPED: ${String(error)} ***\n`);
  }
  project.provide('pgUrl', cluster?.url ?? null);
  return () => cluster?.stop();
}
