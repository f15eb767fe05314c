import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_VALIDATION_WORKERS, loadServerConfig, MAX_VALIDATION_WORKERS } from '../../../src-server/config';

// config.validationWorkers: every core but one in production, none in development, and what an operator sets.
describe('validation workers in the configuration', () => {
  it('follows the mode unless set', () => {
    const productionEnv = { LICENSE_SERVICE_MODE: 'production', LICENSE_SERVICE_PUBLISH_PUBLIC_KEY: '' };
    const byMode = Math.min(DEFAULT_MAX_VALIDATION_WORKERS, os.availableParallelism() - 1);
    expect(loadServerConfig({}).validationWorkers).toBe(0);
    expect(loadServerConfig(productionEnv).validationWorkers).toBe(byMode);
    // Set but empty (a compose file's `VAR=`) is not set.
    expect(loadServerConfig({ LICENSE_SERVICE_VALIDATION_WORKERS: '' }).validationWorkers).toBe(0);
    expect(loadServerConfig({ ...productionEnv, LICENSE_SERVICE_VALIDATION_WORKERS: '' }).validationWorkers).toBe(byMode);
  });

  it('takes the environment variable and overrides, in production too', () => {
    expect(loadServerConfig({ LICENSE_SERVICE_VALIDATION_WORKERS: '3' }).validationWorkers).toBe(3);
    const production = { LICENSE_SERVICE_MODE: 'production', LICENSE_SERVICE_PUBLISH_PUBLIC_KEY: '' };
    expect(loadServerConfig({ ...production, LICENSE_SERVICE_VALIDATION_WORKERS: '0' }).validationWorkers).toBe(0);
    expect(loadServerConfig({}, { validationWorkers: 2 }).validationWorkers).toBe(2);
  });

  it('refuses a count that is not a whole number from 0 to the maximum', () => {
    for (const bad of ['-1', '1.5', 'two', String(MAX_VALIDATION_WORKERS + 1)])
      expect(() => loadServerConfig({ LICENSE_SERVICE_VALIDATION_WORKERS: bad })).toThrow(/validationWorkers/);
  });

  it('refuses workers beside an in-memory database, which they could not share', () => {
    expect(() => loadServerConfig({}, { dbPath: ':memory:', validationWorkers: 1 })).toThrow(/in-memory/);
    expect(loadServerConfig({}, { dbPath: ':memory:', validationWorkers: 0 }).validationWorkers).toBe(0);
  });
});
