import { type Store } from '../store/store';

/** One trial per device and product (seed 001): who had which, from the moment the terms were accepted. */
export class TrialRepository {
  constructor(private readonly store: Store) {}

  async used(device: string, product: string): Promise<boolean> {
    const row = await this.store.session.get('SELECT 1 AS one FROM trials WHERE device = ? AND product = ?', [device, product]);
    return row !== undefined;
  }

  /** Returns false when the device already had its trial of the product (the row exists). */
  async record(trial: { device: string; product: string; licenseId: string; acceptedAt: string }): Promise<boolean> {
    const changes = await this.store.session.run(
      'INSERT INTO trials (device, product, license_id, accepted_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      [trial.device, trial.product, trial.licenseId, trial.acceptedAt],
    );
    return changes === 1;
  }
}
