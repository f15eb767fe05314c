import { type Store } from '../store/store';

/** Which reminder mails went out, one row per license, service term and variant (SPEC §3: once per term). */
export class ReminderRepository {
  constructor(private readonly store: Store) {}

  async wasSent(licenseId: string, termEnd: string, variant: string): Promise<boolean> {
    const row = await this.store.session.get(
      'SELECT 1 AS one FROM reminder_mails WHERE license_id = ? AND term_end = ? AND variant = ?',
      [licenseId, termEnd, variant],
    );
    return row !== undefined;
  }

  async recordSent(licenseId: string, termEnd: string, variant: string, sentAt: string): Promise<void> {
    await this.store.session.run(
      'INSERT INTO reminder_mails (license_id, term_end, variant, sent_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      [licenseId, termEnd, variant, sentAt],
    );
  }
}
