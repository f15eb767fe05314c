import crypto from 'node:crypto';
import { type Store } from '../store/store';

export type Customer = {
  id: string;
  name: string;
  email: string | null;
  /** The license administrator's address (seed 003 ライセンス管理者): renewal reminders go there. */
  administratorEmail: string | null;
  yearlyApplications: number;
  newAdditionalApplications: number;
};

/** Customers own several licenses (one per device) and, for seed-004 products, yearly application counts. */
export class CustomerRepository {
  constructor(private readonly store: Store) {}

  async create(
    input: { name: string; email?: string | null; yearlyApplications?: number; newAdditionalApplications?: number },
    nowIso: string,
  ): Promise<Customer> {
    const id = crypto.randomUUID();
    await this.store.session.run(
      'INSERT INTO customers (id, name, email, yearly_applications, new_additional_applications, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      [id, input.name, input.email ?? null, input.yearlyApplications ?? 0, input.newAdditionalApplications ?? 0, nowIso],
    );
    return (await this.find(id))!;
  }

  async find(id: string): Promise<Customer | null> {
    const row = await this.store.session.get<{
      id: string;
      name: string;
      email: string | null;
      admin: string | null;
      y: number;
      n: number;
    }>(
      `SELECT id, name, email, administrator_email AS admin, yearly_applications AS y, new_additional_applications AS n
         FROM customers WHERE id = ?`,
      [id],
    );
    return row
      ? {
          id: row.id,
          name: row.name,
          email: row.email,
          administratorEmail: row.admin,
          yearlyApplications: row.y,
          newAdditionalApplications: row.n,
        }
      : null;
  }

  async setApplications(id: string, yearly: number, newAdditional: number): Promise<void> {
    await this.store.session.run('UPDATE customers SET yearly_applications = ?, new_additional_applications = ? WHERE id = ?', [
      yearly,
      newAdditional,
      id,
    ]);
  }

  async setAdministratorEmail(id: string, email: string): Promise<void> {
    await this.store.session.run('UPDATE customers SET administrator_email = ? WHERE id = ?', [email, id]);
  }

  async licenseCount(id: string): Promise<number> {
    const row = await this.store.session.get<{ n: number }>(
      "SELECT count(*) AS n FROM licenses WHERE customer_id = ? AND state = 'active' AND trial = 0",
      [id],
    );
    return Number(row!.n);
  }
}
