import { describe, expect, it } from 'vitest';
import { isNewerVersion } from '../../../src-shared/update/version-order';

describe('isNewerVersion (semantic-version precedence, as electron-updater compares)', () => {
  it('orders by major, minor, patch numerically', () => {
    expect(isNewerVersion('1.1.0', '1.0.9')).toBe(true);
    expect(isNewerVersion('1.10.0', '1.9.0')).toBe(true);
    expect(isNewerVersion('2.0.0', '1.99.99')).toBe(true);
    expect(isNewerVersion('1.0.0', '1.0.0')).toBe(false);
    expect(isNewerVersion('1.0.0', '1.0.1')).toBe(false);
  });

  it('puts a pre-release before its release', () => {
    expect(isNewerVersion('1.1.0-beta.1', '1.0.0')).toBe(true);
    expect(isNewerVersion('1.1.0-beta.1', '1.1.0')).toBe(false);
    expect(isNewerVersion('1.1.0', '1.1.0-beta.1')).toBe(true);
    expect(isNewerVersion('1.1.0-beta.10', '1.1.0-beta.9')).toBe(true);
    expect(isNewerVersion('1.1.0-beta', '1.1.0-alpha')).toBe(true);
    expect(isNewerVersion('1.1.0-beta.1', '1.1.0-beta')).toBe(true);
  });

  it('never calls an unreadable version newer', () => {
    expect(isNewerVersion('latest', '1.0.0')).toBe(false);
    expect(isNewerVersion('1.1', '1.0.0')).toBe(false);
  });
});
