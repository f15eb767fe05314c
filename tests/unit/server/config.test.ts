import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadServerConfig, MAX_VALIDATION_WORKERS } from '../../../src-server/config';

// config.validationWorkers: every core but one in production, none in development, and what an operator sets.
describe('validation workers in the configuration', () => {
  it('follows the mode unless set', () => {
    expect(loadServerConfig({}).validationWorkers).toBe(0);
    const production = loadServerConfig({ LICENSE_SERVICE_MODE: 'production', LICENSE_SERVICE_PUBLISH_PUBLIC_KEY: '' });
    expect(production.validationWorkers).toBe(Math.min(MAX_VALIDATION_WORKERS, os.availableParallelism() - 1));
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
});
