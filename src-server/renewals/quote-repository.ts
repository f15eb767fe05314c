import { type Quote } from '../../src-shared/contracts/http';
import { StatementCache } from '../store/statement-cache';
import { type ServerDatabase } from '../store/database';

export type StoredQuote = { quote: Quote; expiresAt: string };

/** Quotes as shown to the customer, stored so an order is placed against exactly what they saw. */
export class QuoteRepository {
  private readonly sql: StatementCache;

  constructor(private readonly db: ServerDatabase) {
    this.sql = new StatementCache(db);
  }

  insert(licenseId: string, quote: Quote, createdAt: string): void {
    this.sql
      .prepare(
        'INSERT INTO quotes (id, license_id, plan_kind, months, options, body, total_yen, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        quote.id,
        licenseId,
        quote.planKind,
        quote.months,
        JSON.stringify(quote.options),
        JSON.stringify(quote),
        quote.totalYen,
        createdAt,
        quote.expiresAt,
      );
  }

  findForLicense(quoteId: string, licenseId: string): StoredQuote | null {
    const row = this.sql
      .prepare<[string, string], { body: string; expires_at: string }>(
        'SELECT body, expires_at FROM quotes WHERE id = ? AND license_id = ?',
      )
      .get(quoteId, licenseId);
    return row ? { quote: JSON.parse(row.body) as Quote, expiresAt: row.expires_at } : null;
  }
}
