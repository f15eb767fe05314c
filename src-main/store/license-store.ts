import { type SignedLicense } from '../../src-shared/contracts/signed-license';
import { type AppDatabase } from './app-database';

export type StoredLicense = { signed: SignedLicense; storedAt: string; lastOnlineCheck: string | null };

type Row = { payload: string; signature: string; key_id: string; stored_at: string; last_online_check: string | null };

/** Keeps the one signed license of this installation exactly as the service sent it. */
export class LicenseStore {
  constructor(private readonly db: AppDatabase) {}

  load(): StoredLicense | null {
    const row = this.db.prepare<[], Row>('SELECT * FROM license WHERE id = 1').get();
    if (!row) return null;
    return {
      signed: { payload: row.payload, signature: row.signature, keyId: row.key_id },
      storedAt: row.stored_at,
      lastOnlineCheck: row.last_online_check,
    };
  }

  /** Replaces the stored license; called only with a license whose signature has been verified. */
  save(signed: SignedLicense, nowIso: string): void {
    this.db
      .prepare(
        `INSERT INTO license (id, payload, signature, key_id, stored_at, last_online_check) VALUES (1, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET payload = excluded.payload, signature = excluded.signature,
           key_id = excluded.key_id, stored_at = excluded.stored_at, last_online_check = excluded.last_online_check`,
      )
      .run(signed.payload, signed.signature, signed.keyId, nowIso, nowIso);
  }
}
