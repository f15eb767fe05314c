import { expect } from 'vitest';
import { LicensingError, type LicensingErrorCode } from '../../../../src-shared/licensing';

/** Fails unless `run` throws a LicensingError with exactly this code; returns it for further checks. */
export function expectLicensingError(run: () => unknown, code: LicensingErrorCode): LicensingError {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected LicensingError ${code}`).toBeInstanceOf(LicensingError);
  const error = thrown as LicensingError;
  expect(error.code).toBe(code);
  expect(error.message).toContain(code);
  return error;
}
