import crypto from 'node:crypto';
import { type Edition, type LicenseKind, type LicenseState } from '../../src-shared/licensing';
import { latestUnsettledIdAsOf, type OrderState, type PaymentMethodCode } from '../renewals/order-repository';
import { type Dialect, type Store } from '../store/store';
import { newLicenseNumber } from './license-number-generator';

export type LicenseRow = {
  id: string;
  number: string;
  product: string;
  edition: Edition;
  kind: LicenseKind;
  termStart: string;
  termEnd: string;
  state: LicenseState;
  trial: boolean;
  device: string | null;
  options: { code: string; end: string }[];
  customerId: string | null;
  registrationNumber: string | null;
  registeredAt: string | null;
  autoRenew: boolean;
  installedOn: string | null;
};

export type NewLicense = Pick<LicenseRow, 'product' | 'edition' | 'kind' | 'termStart' | 'termEnd'> & {
  trial?: boolean;
  options?: { code: string; end: string }[];
  customerId?: string | null;
  registrationNumber?: string | null;
  installKeyHash?: string | null;
  installedOn?: string | null;
  device?: string | null;
  autoRenew?: boolean;
};

/**
 * One of a customer's licenses as the seed-003 rules need it: `lastRenewedOn` is the JST day its latest paid renewal
 * or resumption was paid — a single order on it, or a co-terming order that renewed it (not one that listed it with
 * renewal 'none').
 */
export type CustomerLicenseRow = Pick<LicenseRow, 'id' | 'number' | 'product' | 'kind' | 'termStart' | 'termEnd' | 'state'> & {
  lastRenewedOn: string | null;
};

/** A license's state and device now, its term end, and the furthest end of a renewal placed and counting. */
export type UpdateCoverage = { state: LicenseState; device: string | null; termEnd: string; pendingEnd: string | null };

type Row = {
  /** The license's options as JSON array text, read in the same statement (one read transaction per lookup). */
  options_json: string;
  id: string;
  number: string;
  product: string;
  edition: LicenseRow['edition'];
  kind: LicenseRow['kind'];
  term_start: string;
  term_end: string;
  state: LicenseState;
  trial: number;
  device: string | null;
  customer_id: string | null;
  registration_number: string | null;
  install_key_hash: string | null;
  registered_at: string | null;
  auto_renew: number;
  installed_on: string | null;
};

/** No co-terming order that renewed license `l` lapsed unpaid on its current term (a placed order opens updates once). */
const NO_LAPSED_CO_TERM_ON_THIS_TERM = `NOT EXISTS (SELECT 1 FROM order_items pi JOIN orders p ON p.id = pi.order_id
  WHERE pi.license_id = l.id AND pi.renewal <> 'none' AND p.state = 'lapsed' AND pi.placed_on_term_end = l.term_end)`;

/** A license's renewal that is not settled, as a validation reports it (state as of the day asked). */
export type UnsettledRenewal = { id: string; state: OrderState; method: PaymentMethodCode; dueOn: string | null };

/** The validation's one read, column by column in selectLicenseWithRenewal's order (see SqlSession.getColumns). */
type LicenseWithRenewalColumns = [
  id: string,
  number: string,
  product: string,
  edition: Edition,
  kind: LicenseKind,
  termStart: string,
  termEnd: string,
  state: LicenseState,
  trial: number,
  device: string | null,
  customerId: string | null,
  registrationNumber: string | null,
  registeredAt: string | null,
  autoRenew: number,
  installedOn: string | null,
  optionsJson: string,
  renewalId: string | null,
  renewalState: OrderState | null,
  renewalMethod: PaymentMethodCode | null,
  renewalDueOn: string | null,
];

/**
 * The validation's one read: the license, its options and its latest unsettled renewal in one statement (one read
 * transaction, one round trip) instead of three. Only the columns a LicenseRow needs, read as an array in this order
 * (LicenseWithRenewalColumns). Placeholders: the JST day twice (the renewal's state as of today), then the license
 * number.
 */
const selectLicenseWithRenewal = (dialect: Dialect) => `
  SELECT l.id, l.number, l.product, l.edition, l.kind, l.term_start, l.term_end, l.state, l.trial, l.device,
         l.customer_id, l.registration_number, l.registered_at, l.auto_renew, l.installed_on,
         ${dialect.licenseOptionsJson} AS options_json,
         r.id AS renewal_id,
         CASE WHEN r.state = 'pending' AND r.due_on < ? THEN 'lapsed' ELSE r.state END AS renewal_state,
         r.method AS renewal_method, r.due_on AS renewal_due_on
    FROM licenses l
    LEFT JOIN orders r ON r.id = ${latestUnsettledIdAsOf(dialect.orderInsertionOrder)}
   WHERE l.number = ?`;

/** Options in code order by UTF-16 code unit (the canonical JSON's order), whatever order the database gave. */
const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

const selectLicense = (dialect: Dialect) => `
  SELECT l.*, ${dialect.licenseOptionsJson} AS options_json
    FROM licenses l`;

/**
 * The vendor's license records, in whichever store the service runs on. Every write that touches more than one row
 * runs in one transaction.
 */
export class LicenseRepository {
  private readonly select: string;
  private readonly selectWithRenewal: string;

  constructor(private readonly store: Store) {
    this.select = selectLicense(store.dialect);
    this.selectWithRenewal = selectLicenseWithRenewal(store.dialect);
  }

  private get sql() {
    return this.store.session;
  }

  async create(input: NewLicense, nowIso: string): Promise<LicenseRow> {
    const id = crypto.randomUUID();
    const number = newLicenseNumber();
    await this.store.withTransaction(async () => {
      await this.sql.run(
        `INSERT INTO licenses (id, number, product, edition, kind, term_start, term_end, trial, device, customer_id,
           registration_number, install_key_hash, installed_on, auto_renew, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          id,
          number,
          input.product,
          input.edition,
          input.kind,
          input.termStart,
          input.termEnd,
          input.trial ? 1 : 0,
          input.device ?? null,
          input.customerId ?? null,
          input.registrationNumber ?? null,
          input.installKeyHash ?? null,
          input.installedOn ?? null,
          input.autoRenew ? 1 : 0,
          nowIso,
          nowIso,
        ],
      );
      for (const option of input.options ?? [])
        await this.sql.run('INSERT INTO license_options (license_id, code, term_end) VALUES (?, ?, ?)', [
          id,
          option.code,
          option.end,
        ]);
    });
    return (await this.findById(id))!;
  }

  async findByNumber(number: string): Promise<LicenseRow | null> {
    const row = await this.sql.get<Row>(`${this.select} WHERE l.number = ?`, [number]);
    return row ? this.toLicense(row) : null;
  }

  /**
   * The license with this number and its latest renewal unsettled as of `today` (JST): a pending order past its due
   * date is reported lapsed without being written (lapseOverdueOrders does that on the next write path).
   */
  async findByNumberWithRenewal(
    number: string,
    today: string,
  ): Promise<{ license: LicenseRow; renewal: UnsettledRenewal | null } | null> {
    const c = await this.sql.getColumns<LicenseWithRenewalColumns>(this.selectWithRenewal, [today, today, number]);
    if (!c) return null;
    const license = this.toLicense({
      id: c[0],
      number: c[1],
      product: c[2],
      edition: c[3],
      kind: c[4],
      term_start: c[5],
      term_end: c[6],
      state: c[7],
      trial: c[8],
      device: c[9],
      customer_id: c[10],
      registration_number: c[11],
      registered_at: c[12],
      auto_renew: c[13],
      installed_on: c[14],
      options_json: c[15],
      install_key_hash: null,
    });
    const renewal = c[16] === null ? null : { id: c[16], state: c[17]!, method: c[18]!, dueOn: c[19] };
    return { license, renewal };
  }

  async findById(id: string): Promise<LicenseRow | null> {
    const row = await this.sql.get<Row>(`${this.select} WHERE l.id = ?`, [id]);
    return row ? this.toLicense(row) : null;
  }

  async findByRegistrationNumber(registrationNumber: string): Promise<(LicenseRow & { installKeyHash: string | null }) | null> {
    const row = await this.sql.get<Row>(`${this.select} WHERE l.registration_number = ?`, [registrationNumber]);
    return row ? { ...this.toLicense(row), installKeyHash: row.install_key_hash } : null;
  }

  async list(): Promise<LicenseRow[]> {
    const rows = await this.sql.all<Row>(`${this.select} ORDER BY l.created_at, l.number`);
    return rows.map((row) => this.toLicense(row));
  }

  /** Every non-trial license of a customer, with the day each was last renewed: one statement. */
  async ofCustomer(customerId: string): Promise<CustomerLicenseRow[]> {
    return this.sql.all<CustomerLicenseRow>(
      `SELECT l.id, l.number, l.product, l.kind, l.term_start AS "termStart", l.term_end AS "termEnd", l.state,
              (SELECT MAX(o.paid_on) FROM orders o
                WHERE o.state = 'paid'
                  AND ((o.license_id = l.id AND NOT EXISTS (SELECT 1 FROM order_items x WHERE x.order_id = o.id))
                       OR EXISTS (SELECT 1 FROM order_items i
                                   WHERE i.order_id = o.id AND i.license_id = l.id AND i.renewal <> 'none'))
              ) AS "lastRenewedOn"
         FROM licenses l WHERE l.customer_id = ? AND l.trial = 0
        ORDER BY l.created_at, l.number`,
      [customerId],
    );
  }

  async bindDevice(id: string, device: string, appVersion: string, nowIso: string): Promise<void> {
    await this.store.withTransaction(async () => {
      await this.sql.run('UPDATE licenses SET device = ?, updated_at = ? WHERE id = ?', [device, nowIso, id]);
      await this.sql.run('INSERT INTO activations (license_id, device, app_version, at) VALUES (?, ?, ?, ?)', [
        id,
        device,
        appVersion,
        nowIso,
      ]);
    });
  }

  async setState(id: string, state: LicenseState, nowIso: string): Promise<void> {
    await this.sql.run('UPDATE licenses SET state = ?, updated_at = ? WHERE id = ?', [state, nowIso, id]);
  }

  async setAutoRenew(id: string, autoRenew: boolean, nowIso: string): Promise<void> {
    await this.sql.run('UPDATE licenses SET auto_renew = ?, updated_at = ? WHERE id = ?', [autoRenew ? 1 : 0, nowIso, id]);
  }

  async register(id: string, name: string, email: string, nowIso: string): Promise<void> {
    await this.sql.run(
      'UPDATE licenses SET registered_at = ?, registered_name = ?, registered_email = ?, updated_at = ? WHERE id = ?',
      [nowIso, name, email, nowIso, id],
    );
  }

  async registeredEmail(id: string): Promise<string | null> {
    return (await this.sql.get<{ e: string | null }>('SELECT registered_email AS e FROM licenses WHERE id = ?', [id]))?.e ?? null;
  }

  /** Sets the service term; the options renewed with it get the same end, the others keep theirs. */
  async setTerm(
    id: string,
    term: { start: string; end: string },
    renewedOptions: readonly string[],
    nowIso: string,
  ): Promise<void> {
    await this.store.withTransaction(async () => {
      await this.sql.run('UPDATE licenses SET term_start = ?, term_end = ?, updated_at = ? WHERE id = ?', [
        term.start,
        term.end,
        nowIso,
        id,
      ]);
      for (const code of renewedOptions)
        await this.sql.run(
          `INSERT INTO license_options (license_id, code, term_end) VALUES (?, ?, ?)
             ON CONFLICT(license_id, code) DO UPDATE SET term_end = excluded.term_end`,
          [id, code, term.end],
        );
    });
  }

  /**
   * What the update feed needs to know of a license now. SPEC §6: a renewal placed but not yet paid may already
   * download updates, so a pending order's term counts — once per term (seed 000, SPEC §8): not when an order placed
   * on the same term already lapsed unpaid. Paid orders are already in term_end; declined, lapsed and needs-support
   * orders extend nothing.
   */
  async updateCoverage(id: string): Promise<UpdateCoverage | null> {
    const row = await this.sql.get<UpdateCoverage & { coTermPendingEnd: string | null }>(
      `SELECT l.state, l.device, l.term_end AS "termEnd",
                (SELECT MAX(o.term_end) FROM orders o
                  WHERE o.license_id = l.id AND o.state = 'pending'
                    AND NOT EXISTS (SELECT 1 FROM orders p
                                     WHERE p.license_id = l.id AND p.state = 'lapsed'
                                       AND p.placed_on_term_end = l.term_end)
                    AND ${NO_LAPSED_CO_TERM_ON_THIS_TERM}) AS "pendingEnd",
                (SELECT MAX(i.common_end) FROM order_items i JOIN orders o ON o.id = i.order_id
                  WHERE i.license_id = l.id AND i.renewal <> 'none' AND o.state = 'pending'
                    AND NOT EXISTS (SELECT 1 FROM orders p
                                     WHERE p.license_id = l.id AND p.state = 'lapsed'
                                       AND p.placed_on_term_end = l.term_end)
                    AND ${NO_LAPSED_CO_TERM_ON_THIS_TERM}) AS "coTermPendingEnd"
           FROM licenses l WHERE l.id = ?`,
      [id],
    );
    if (!row) return null;
    // A co-terming order placed and counting opens updates for every license it renews (issue 11), once per term too.
    const { coTermPendingEnd, ...coverage } = row;
    const ends = [coverage.pendingEnd, coTermPendingEnd].filter((end): end is string => end !== null).sort();
    return { ...coverage, pendingEnd: ends.at(-1) ?? null };
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
      options: (JSON.parse(row.options_json) as { code: string; end: string }[]).sort(byCode),
      customerId: row.customer_id,
      registrationNumber: row.registration_number,
      registeredAt: row.registered_at,
      autoRenew: row.auto_renew === 1,
      installedOn: row.installed_on,
    };
  }
}
