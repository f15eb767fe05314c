import { StatementCache } from '../store/statement-cache';
import { type ServerDatabase } from '../store/database';

/** One trial per device and product (seed 001): who had which, from the moment the terms were accepted. */
export class TrialRepository {
  private readonly sql: StatementCache;

  constructor(private readonly db: ServerDatabase) {
    this.sql = new StatementCache(db);
  }

  used(device: string, product: string): boolean {
    return this.sql.prepare('SELECT 1 FROM trials WHERE device = ? AND product = ?').get(device, product) !== undefined;
  }

  /** Returns false when the device already had its trial of the product (the row exists). */
  record(trial: { device: string; product: string; licenseId: string; acceptedAt: string }): boolean {
    return (
      this.sql
        .prepare('INSERT OR IGNORE INTO trials (device, product, license_id, accepted_at) VALUES (?, ?, ?, ?)')
        .run(trial.device, trial.product, trial.licenseId, trial.acceptedAt).changes === 1
    );
  }
}
