import crypto from 'node:crypto';
import { StatementCache } from '../store/statement-cache';
import { type ServerDatabase } from '../store/database';

export type Customer = {
  id: string;
  name: string;
  email: string | null;
  yearlyApplications: number;
  newAdditionalApplications: number;
};

/** Customers own several licenses (one per device) and, for seed-004 products, yearly application counts. */
export class CustomerRepository {
  private readonly sql: StatementCache;

  constructor(private readonly db: ServerDatabase) {
    this.sql = new StatementCache(db);
  }

  create(
    input: { name: string; email?: string | null; yearlyApplications?: number; newAdditionalApplications?: number },
    nowIso: string,
  ): Customer {
    const id = crypto.randomUUID();
    this.sql
      .prepare(
        'INSERT INTO customers (id, name, email, yearly_applications, new_additional_applications, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(id, input.name, input.email ?? null, input.yearlyApplications ?? 0, input.newAdditionalApplications ?? 0, nowIso);
    return this.find(id)!;
  }

  find(id: string): Customer | null {
    const row = this.sql
      .prepare<[string], { id: string; name: string; email: string | null; y: number; n: number }>(
        'SELECT id, name, email, yearly_applications AS y, new_additional_applications AS n FROM customers WHERE id = ?',
      )
      .get(id);
    return row
      ? { id: row.id, name: row.name, email: row.email, yearlyApplications: row.y, newAdditionalApplications: row.n }
      : null;
  }

  setApplications(id: string, yearly: number, newAdditional: number): void {
    this.sql
      .prepare('UPDATE customers SET yearly_applications = ?, new_additional_applications = ? WHERE id = ?')
      .run(yearly, newAdditional, id);
  }

  licenseCount(id: string): number {
    return this.sql
      .prepare<[string], { n: number }>(
        "SELECT count(*) AS n FROM licenses WHERE customer_id = ? AND state = 'active' AND trial = 0",
      )
      .get(id)!.n;
  }
}
