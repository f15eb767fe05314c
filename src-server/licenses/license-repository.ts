import crypto from 'node:crypto';
import { type ServerDatabase } from '../store/database';
import { newLicenseNumber } from './license-number-generator';

export type LicenseRow = {
  id: string;
  number: string;
  product: string;
  edition: 'package' | 'download';
  kind: 'perpetual' | 'subscription' | 'annual';
  termStart: string;
  termEnd: string;
  state: 'active' | 'moved' | 'revoked' | 'cancelled';
  trial: boolean;
  device: string | null;
  options: { code: string; end: string }[];
};

export type NewLicense = Pick<LicenseRow, 'product' | 'edition' | 'kind' | 'termStart' | 'termEnd'> & {
  trial?: boolean;
  options?: { code: string; end: string }[];
};

type Row = {
  id: string; number: string; product: string; edition: LicenseRow['edition']; kind: LicenseRow['kind'];
  term_start: string; term_end: string; state: LicenseRow['state']; trial: number; device: string | null;
};

export class LicenseRepository {
  private readonly byNumber;
  private readonly optionsOf;

  constructor(private readonly db: ServerDatabase) {
    this.byNumber = db.prepare<[string], Row>('SELECT * FROM licenses WHERE number = ?');
    this.optionsOf = db.prepare<[string], { code: string; end: string }>(
      'SELECT code, term_end AS end FROM license_options WHERE license_id = ? ORDER BY code',
    );
  }

  create(input: NewLicense, nowIso: string): LicenseRow {
    const id = crypto.randomUUID();
    const number = newLicenseNumber();
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO licenses (id, number, product, edition, kind, term_start, term_end, trial, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, number, input.product, input.edition, input.kind, input.termStart, input.termEnd, input.trial ? 1 : 0, nowIso, nowIso);
      const addOption = this.db.prepare('INSERT INTO license_options (license_id, code, term_end) VALUES (?, ?, ?)');
      for (const option of input.options ?? []) addOption.run(id, option.code, option.end);
    })();
    return this.findByNumber(number) as LicenseRow;
  }

  findByNumber(number: string): LicenseRow | null {
    const row = this.byNumber.get(number);
    return row ? this.toLicense(row) : null;
  }

  /** Binds the license to a device; returns whether it moved from another device. */
  bindDevice(id: string, device: string, appVersion: string, nowIso: string): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE licenses SET device = ?, updated_at = ? WHERE id = ?').run(device, nowIso, id);
      this.db.prepare('INSERT INTO activations (license_id, device, app_version, at) VALUES (?, ?, ?, ?)').run(id, device, appVersion, nowIso);
    })();
  }

  private toLicense(row: Row): LicenseRow {
    return {
      id: row.id,
      number: row.number,
      product: row.product,
      edition: row.edition,
      kind: row.kind,
      termStart: row.term_start,
      termEnd: row.term_end,
      state: row.state,
      trial: row.trial === 1,
      device: row.device,
      options: this.optionsOf.all(row.id),
    };
  }
}
