import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const script = path.join(ROOT, 'scripts/electron-native.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { cwd: ROOT, encoding: 'utf8' });

describe('scripts/electron-native.mjs (better-sqlite3 for Electron, apart from the Node build)', () => {
  it('targets the installed Electron and better-sqlite3 versions for this platform', async () => {
    const { wantedStamp, isCurrent } = (await import(script)) as {
      wantedStamp: () => Record<string, string>;
      isCurrent: (stamp: unknown, wanted: Record<string, string>) => boolean;
    };
    const wanted = wantedStamp();
    expect(wanted).toEqual({
      electron: (await import(path.join(ROOT, 'node_modules/electron/package.json'))).version,
      betterSqlite3: (await import(path.join(ROOT, 'node_modules/better-sqlite3/package.json'))).version,
      platform: process.platform,
      arch: process.arch,
    });
    expect(isCurrent(wanted, wanted)).toBe(true);
    expect(isCurrent({ ...wanted, electron: '44.0.0' }, wanted)).toBe(false);
    expect(isCurrent(null, wanted)).toBe(false);
  });

  it('never fails an install where the Electron binary is absent, and says what happens instead', () => {
    const status = JSON.parse(run('--status').stdout) as { electronBinary: boolean };
    const postinstall = run('--postinstall');
    expect(postinstall.status).toBe(0);
    if (!status.electronBinary) expect(postinstall.stdout).toContain('will be built by "npm start"');
  });

  it('refuses to package without an up-to-date Electron build', () => {
    const status = JSON.parse(run('--status').stdout) as { current: boolean };
    const required = run('--require');
    expect(required.status).toBe(status.current ? 0 : 1);
    if (!status.current) expect(required.stderr).toContain('run "npm run build:native"');
  });
});
