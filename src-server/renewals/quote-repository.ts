import { type Quote } from '../../src-shared/contracts/http';
import { type Store } from '../store/store';

/**
 * What a co-terming quote priced for each license (issue 11), kept beside the quote so the order buys exactly
 * that: the licenses, how each is renewed, its months, options and tax-exclusive amount, and the common end.
 */
export type CoTermPlan = {
  commonEnd: string;
  items: {
    licenseId: string;
    renewal: 'continuous' | 'resumption' | 'none';
    months: number;
    options: string[];
    amountYen: number;
    /** The license's term end when quoted: if it moved since, the quote no longer describes it. */
    currentEnd: string;
  }[];
};

export type StoredQuote = { quote: Quote; expiresAt: string; coTermPlan: CoTermPlan | null };

/** Quotes as shown to the customer, stored so an order is placed against exactly what they saw. */
export class QuoteRepository {
  constructor(private readonly store: Store) {}

  async insert(licenseId: string, quote: Quote, createdAt: string, coTermPlan: CoTermPlan | null = null): Promise<void> {
    await this.store.session.run(
      `INSERT INTO quotes (id, license_id, plan_kind, months, options, body, total_yen, created_at, expires_at, co_term_plan)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        quote.id,
        licenseId,
        quote.planKind,
        // The column counts a renewal's months (> 0); a co-terming quote's own license may add none (its plan says so).
        Math.max(1, quote.months),
        JSON.stringify(quote.options),
        JSON.stringify(quote),
        quote.totalYen,
        createdAt,
        quote.expiresAt,
        coTermPlan ? JSON.stringify(coTermPlan) : null,
      ],
    );
  }

  async findForLicense(quoteId: string, licenseId: string): Promise<StoredQuote | null> {
    const row = await this.store.session.get<{ body: string; expires_at: string; co_term_plan: string | null }>(
      'SELECT body, expires_at, co_term_plan FROM quotes WHERE id = ? AND license_id = ?',
      [quoteId, licenseId],
    );
    return row
      ? {
          quote: JSON.parse(row.body) as Quote,
          expiresAt: row.expires_at,
          coTermPlan: row.co_term_plan ? (JSON.parse(row.co_term_plan) as CoTermPlan) : null,
        }
      : null;
  }
}
