import { StatementCache } from '../store/statement-cache';
import { type ServerDatabase } from '../store/database';

/** Which reminder mails went out, one row per license, service term and variant (SPEC §3: once per term). */
export class ReminderRepository {
  private readonly sql: StatementCache;

  constructor(private readonly db: ServerDatabase) {
    this.sql = new StatementCache(db);
  }

  wasSent(licenseId: string, termEnd: string, variant: string): boolean {
    return (
      this.sql
        .prepare('SELECT 1 FROM reminder_mails WHERE license_id = ? AND term_end = ? AND variant = ?')
        .get(licenseId, termEnd, variant) !== undefined
    );
  }

  recordSent(licenseId: string, termEnd: string, variant: string, sentAt: string): void {
    this.sql
      .prepare('INSERT OR IGNORE INTO reminder_mails (license_id, term_end, variant, sent_at) VALUES (?, ?, ?, ?)')
      .run(licenseId, termEnd, variant, sentAt);
  }
}
