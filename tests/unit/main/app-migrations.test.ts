import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-shared/storage/migrations';
import { appMigrations } from '../../../src-main/store/app-migrations';
import { LicenseStore } from '../../../src-main/store/license-store';
import { openAppStore } from '../../../src-main/store/open-app-store';
import { WizardStore } from '../../../src-main/store/wizard-store';
import { type WizardState } from '../../../src-shared/renewal/wizard';

describe('desktop store migrations', () => {
  it('v1 → latest keeps the stored license exactly and starts the new bookkeeping empty', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'app-migr-')), 'license.sqlite');
    const v1 = new Database(file);
    migrate(v1, appMigrations.slice(0, 1));
    v1.prepare(
      "INSERT INTO license (id, payload, signature, key_id, stored_at, last_online_check) VALUES (1, '{\"v\":1}', 'sig', 'k1', '2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z')",
    ).run();
    v1.close();

    const opening = openAppStore(file);
    expect(opening.problem).toBeNull();
    const db = opening.db!;
    expect(db.pragma('user_version', { simple: true })).toBe(appMigrations.length);
    const stored = new LicenseStore(db).load()!;
    expect(stored.signed).toEqual({ payload: '{"v":1}', signature: 'sig', keyId: 'k1' });
    expect(stored).toMatchObject({
      lastOnlineCheck: '2026-01-02T00:00:00.000Z',
      lastAttempt: null,
      lastError: null,
      stoppedAs: null,
      placedRenewal: null,
    });
    expect(new LicenseStore(db).latestSeen()).toBeNull();
    expect(new WizardStore(db).load()).toBeNull();
    db.close();
  });
});

describe('the stored renewal wizard (issue 11: renewing together)', () => {
  const open = () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'app-wizard-')), 'license.sqlite');
    return openAppStore(file).db!;
  };
  const olderRow: Omit<WizardState, 'together'> = {
    step: 'quote',
    months: 12,
    options: ['bank-import'],
    quote: null,
    passedChoose: true,
    method: null,
    idempotencyKey: null,
    order: null,
  };

  it('loads a row written before the together field existed as a renewal of this license alone', () => {
    const db = open();
    db.prepare("INSERT INTO renewal_wizard (id, license_number, state, updated_at) VALUES (1, 'N-1', ?, 'x')").run(
      JSON.stringify(olderRow),
    );
    expect(new WizardStore(db).load()).toEqual({ licenseNumber: 'N-1', state: { ...olderRow, together: null } });
    db.close();
  });

  it('keeps the together choice across a reload', () => {
    const db = open();
    new WizardStore(db).save({ licenseNumber: 'N-1', state: { ...olderRow, together: 'months' } }, 'x');
    expect(new WizardStore(db).load()?.state.together).toBe('months');
    db.close();
  });
});
