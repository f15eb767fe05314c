import { type Quote } from '../../src-shared/contracts/http';
import { type Store } from '../store/store';

export type StoredQuote = { quote: Quote; expiresAt: string };

/** Quotes as shown to the customer, stored so an order is placed against exactly what they saw. */
export class QuoteRepository {
  constructor(private readonly store: Store) {}

  async insert(licenseId: string, quote: Quote, createdAt: string): Promise<void> {
    await this.store.session.run(
      'INSERT INTO quotes (id, license_id, plan_kind, months, options, body, total_yen, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        quote.id,
        licenseId,
        quote.planKind,
        quote.months,
        JSON.stringify(quote.options),
        JSON.stringify(quote),
        quote.totalYen,
        createdAt,
        quote.expiresAt,
      ],
    );
  }

  async findForLicense(quoteId: string, licenseId: string): Promise<StoredQuote | null> {
    const row = await this.store.session.get<{ body: string; expires_at: string }>(
      'SELECT body, expires_at FROM quotes WHERE id = ? AND license_id = ?',
      [quoteId, licenseId],
    );
    return row ? { quote: JSON.parse(row.body) as Quote, expiresAt: row.expires_at } : null;
  }
}
