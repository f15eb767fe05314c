import { type Store } from '../store/store';

export type OrderState = 'pending' | 'paid' | 'declined' | 'lapsed' | 'needs-support';
export type PaymentMethodCode = 'card' | 'bank-transfer' | 'account-transfer';

export type OrderRow = {
  id: string;
  licenseId: string;
  quoteId: string;
  idempotencyKey: string;
  requestHash: string;
  method: PaymentMethodCode;
  state: OrderState;
  amountYen: number;
  months: number;
  options: string[];
  termStart: string | null;
  termEnd: string | null;
  dueOn: string | null;
  /** The sum of the order's payments ledger (charges and receipts less refunds); null before any money moved. */
  receivedYen: number | null;
  /** The license's term end when the order was placed (null for orders placed before this was recorded). */
  placedOnTermEnd: string | null;
  /** Set when the vendor cleared a lapsed or support order (admin CLI), so it no longer blocks renewals. */
  clearedAt: string | null;
  clearedNote: string | null;
  /** When the bank-transfer instructions mail was taken by the mail transport; null when none was sent. */
  instructionsMailedAt: string | null;
  /** The JST day the order was paid (card: the charge; transfer: the day the money arrived); null until paid. */
  paidOn: string | null;
  /** The exact answer given when the order was placed, replayed for a retry with the same Idempotency-Key. */
  response: { status: number; body: unknown };
  createdAt: string;
};

type Row = {
  id: string;
  license_id: string;
  quote_id: string;
  idempotency_key: string;
  request_hash: string;
  method: PaymentMethodCode;
  state: OrderState;
  amount_yen: number;
  months: number;
  options: string;
  term_start: string | null;
  term_end: string | null;
  due_on: string | null;
  received_yen: number | null;
  placed_on_term_end: string | null;
  cleared_at: string | null;
  cleared_note: string | null;
  instructions_mailed_at: string | null;
  paid_on: string | null;
  response: string;
  created_at: string;
};

export type PaymentOutcome = 'succeeded' | 'declined' | 'received' | 'refunded';

/** One row of an order's payments ledger. */
export type PaymentRow = {
  id: number;
  method: string;
  outcome: PaymentOutcome;
  amountYen: number;
  reference: string | null;
  /** The JST day the money arrived (transfers and refunds); null for card charges. */
  receivedOn: string | null;
  createdAt: string;
};

export type NewOrder = Omit<
  OrderRow,
  'receivedYen' | 'clearedAt' | 'clearedNote' | 'placedOnTermEnd' | 'instructionsMailedAt' | 'paidOn'
> & {
  placedOnTermEnd?: string | null;
  paidOn?: string | null;
};

/** One license a co-terming order renews (table order_items); `term` is set when the order is paid. */
export type OrderItemRow = {
  orderId: string;
  licenseId: string;
  renewal: 'continuous' | 'resumption' | 'none';
  months: number;
  options: string[];
  amountYen: number;
  /** The license's term end when the order was placed: a license renewed since then is not renewed twice. */
  placedOnTermEnd: string;
  commonEnd: string;
  termStart: string | null;
  termEnd: string | null;
};

/** States that block the next renewal unless cleared: unpaid, lapsed unpaid, or waiting for support (seed 000). */
const UNSETTLED = `o.cleared_at IS NULL AND (o.state IN ('pending', 'needs-support') OR (o.state = 'lapsed' AND NOT EXISTS (
  SELECT 1 FROM orders later WHERE later.license_id = o.license_id AND later.state = 'paid' AND later.created_at > o.created_at)))`;

/**
 * Orders that renew license ? (given twice): placed on it, or a co-terming order that renews it (issue 11). A license
 * a co-terming order lists with renewal 'none' is not renewed by it, so that order does not block it.
 */
const RENEWS = `(o.license_id = ? OR EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id AND i.license_id = ? AND i.renewal <> 'none'))`;

/**
 * The id of the license's latest renewal that is unsettled as of a JST day (`?`), correlated on `l.id`: as UNSETTLED,
 * but a pending order past its due date counts as lapsed without waiting for `lapseOverdue` to write it (the next
 * write path or reminder run does), so a read never has to write. Used by the validation's single read.
 */
export const latestUnsettledIdAsOf = (insertionOrder: string) => `(SELECT o.id FROM orders o
  WHERE o.license_id = l.id AND o.cleared_at IS NULL AND (o.state = 'needs-support'
    OR (o.state = 'pending' AND (o.due_on IS NULL OR o.due_on >= ?))
    OR ((o.state = 'lapsed' OR o.state = 'pending') AND NOT EXISTS (
      SELECT 1 FROM orders later WHERE later.license_id = o.license_id AND later.state = 'paid' AND later.created_at > o.created_at)))
  ORDER BY o.created_at DESC, o.${insertionOrder} DESC LIMIT 1)`;

const toOrder = (row: Row): OrderRow => ({
  id: row.id,
  licenseId: row.license_id,
  quoteId: row.quote_id,
  idempotencyKey: row.idempotency_key,
  requestHash: row.request_hash,
  method: row.method,
  state: row.state,
  amountYen: row.amount_yen,
  months: row.months,
  options: JSON.parse(row.options) as string[],
  termStart: row.term_start,
  termEnd: row.term_end,
  dueOn: row.due_on,
  receivedYen: row.received_yen,
  placedOnTermEnd: row.placed_on_term_end,
  clearedAt: row.cleared_at,
  clearedNote: row.cleared_note,
  instructionsMailedAt: row.instructions_mailed_at ?? null,
  paidOn: row.paid_on ?? null,
  response: JSON.parse(row.response) as OrderRow['response'],
  createdAt: row.created_at,
});

/** Orders and their payments ledger, in whichever store the service runs on. */
export class OrderRepository {
  constructor(private readonly store: Store) {}

  private get sql() {
    return this.store.session;
  }

  private async one(where: string, params: readonly unknown[]): Promise<OrderRow | null> {
    const row = await this.sql.get<Row>(`SELECT o.* FROM orders o WHERE ${where} LIMIT 1`, params);
    return row ? toOrder(row) : null;
  }

  async insert(order: NewOrder, nowIso: string): Promise<void> {
    await this.sql.run(
      `INSERT INTO orders (id, license_id, quote_id, idempotency_key, request_hash, method, state, amount_yen, months, options,
         term_start, term_end, due_on, placed_on_term_end, paid_on, response, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        order.id,
        order.licenseId,
        order.quoteId,
        order.idempotencyKey,
        order.requestHash,
        order.method,
        order.state,
        order.amountYen,
        order.months,
        JSON.stringify(order.options),
        order.termStart,
        order.termEnd,
        order.dueOn,
        order.placedOnTermEnd ?? null,
        order.paidOn ?? null,
        JSON.stringify(order.response),
        order.createdAt,
        nowIso,
      ],
    );
  }

  findById(id: string): Promise<OrderRow | null> {
    return this.one('o.id = ?', [id]);
  }

  /** The order already placed on a quote, if any still counts (a declined card may be retried on the same quote). */
  liveOrderForQuote(quoteId: string): Promise<OrderRow | null> {
    return this.one("o.quote_id = ? AND o.state IN ('pending', 'paid', 'needs-support')", [quoteId]);
  }

  findByIdempotencyKey(key: string): Promise<OrderRow | null> {
    return this.one('o.idempotency_key = ?', [key]);
  }

  async forLicense(licenseId: string): Promise<OrderRow[]> {
    const rows = await this.sql.all<Row>(
      `SELECT * FROM orders WHERE license_id = ? ORDER BY created_at, ${this.store.dialect.orderInsertionOrder}`,
      [licenseId],
    );
    return rows.map(toOrder);
  }

  async list(): Promise<OrderRow[]> {
    const rows = await this.sql.all<Row>(`SELECT * FROM orders ORDER BY created_at, ${this.store.dialect.orderInsertionOrder}`);
    return rows.map(toOrder);
  }

  /**
   * An earlier renewal not yet settled blocks new ones (SPEC §6, seed 000): unpaid, lapsed unpaid (until a later
   * order was paid), or waiting for support — unless the vendor cleared it.
   */
  async unsettledFor(licenseId: string): Promise<OrderRow | null> {
    const row = await this.sql.get<Row>(
      `SELECT o.* FROM orders o WHERE ${RENEWS} AND ${UNSETTLED}
        ORDER BY o.created_at, o.${this.store.dialect.orderInsertionOrder} LIMIT 1`,
      [licenseId, licenseId],
    );
    return row ? toOrder(row) : null;
  }

  /** The latest unsettled renewal of a license (what a validation reports to the app), or null. */
  async latestUnsettledFor(licenseId: string): Promise<OrderRow | null> {
    const row = await this.sql.get<Row>(
      `SELECT o.* FROM orders o WHERE o.license_id = ? AND ${UNSETTLED}
        ORDER BY o.created_at DESC, o.${this.store.dialect.orderInsertionOrder} DESC LIMIT 1`,
      [licenseId],
    );
    return row ? toOrder(row) : null;
  }

  /** The license's most recent order (any state), or null: what the renewal web page shows when opened again. */
  async latestFor(licenseId: string): Promise<OrderRow | null> {
    const row = await this.sql.get<Row>(
      `SELECT * FROM orders WHERE license_id = ? ORDER BY created_at DESC, ${this.store.dialect.orderInsertionOrder} DESC LIMIT 1`,
      [licenseId],
    );
    return row ? toOrder(row) : null;
  }

  /** The transport took the bank-transfer instructions mail for this order. */
  async markInstructionsMailed(id: string, nowIso: string): Promise<void> {
    await this.sql.run(
      'UPDATE orders SET instructions_mailed_at = COALESCE(instructions_mailed_at, ?), updated_at = ? WHERE id = ?',
      [nowIso, nowIso, id],
    );
  }

  /** The vendor settles a support case or forgives a lapsed order: it no longer blocks the next renewal. */
  async clear(id: string, note: string, nowIso: string): Promise<void> {
    await this.sql.run('UPDATE orders SET cleared_at = ?, cleared_note = ?, updated_at = ? WHERE id = ?', [
      nowIso,
      note,
      nowIso,
      id,
    ]);
  }

  async update(
    id: string,
    changes: {
      state: OrderState;
      termStart?: string | null;
      termEnd?: string | null;
      paidOn?: string | null;
      response?: OrderRow['response'];
    },
    nowIso: string,
  ): Promise<void> {
    const current = await this.findById(id);
    if (!current) throw new Error(`no order ${id}`);
    await this.sql.run(
      'UPDATE orders SET state = ?, term_start = ?, term_end = ?, paid_on = ?, response = ?, updated_at = ? WHERE id = ?',
      [
        changes.state,
        changes.termStart === undefined ? current.termStart : changes.termStart,
        changes.termEnd === undefined ? current.termEnd : changes.termEnd,
        changes.paidOn === undefined ? current.paidOn : changes.paidOn,
        JSON.stringify(changes.response ?? current.response),
        nowIso,
        id,
      ],
    );
  }

  /** The licenses a co-terming order renews, one row each; written in the transaction that places the order. */
  async insertItems(items: readonly OrderItemRow[]): Promise<void> {
    for (const item of items)
      await this.sql.run(
        `INSERT INTO order_items (order_id, license_id, renewal, months, options, amount_yen, placed_on_term_end, common_end,
           term_start, term_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          item.orderId,
          item.licenseId,
          item.renewal,
          item.months,
          JSON.stringify(item.options),
          item.amountYen,
          item.placedOnTermEnd,
          item.commonEnd,
          item.termStart,
          item.termEnd,
        ],
      );
  }

  /** A co-terming order's licenses (empty for an order of one license). */
  async itemsOf(orderId: string): Promise<OrderItemRow[]> {
    const rows = await this.sql.all<Omit<OrderItemRow, 'options'> & { options: string }>(
      `SELECT order_id AS "orderId", license_id AS "licenseId", renewal, months, options, amount_yen AS "amountYen",
              placed_on_term_end AS "placedOnTermEnd", common_end AS "commonEnd", term_start AS "termStart",
              term_end AS "termEnd"
         FROM order_items WHERE order_id = ? ORDER BY placed_on_term_end, license_id`,
      [orderId],
    );
    return rows.map((row) => ({ ...row, amountYen: Number(row.amountYen), options: JSON.parse(row.options) as string[] }));
  }

  async setItemTerm(orderId: string, licenseId: string, term: { start: string; end: string }): Promise<void> {
    await this.sql.run('UPDATE order_items SET term_start = ?, term_end = ? WHERE order_id = ? AND license_id = ?', [
      term.start,
      term.end,
      orderId,
      licenseId,
    ]);
  }

  /** Unpaid orders past their due date lapse (SPEC §6); returns how many did. */
  async lapseOverdue(today: string, nowIso: string): Promise<number> {
    // Look before writing: most calls find nothing, and a read costs no write transaction (synchronous=FULL).
    if (!(await this.sql.get("SELECT 1 AS one FROM orders WHERE state = 'pending' AND due_on < ? LIMIT 1", [today]))) return 0;
    return this.sql.run(
      "UPDATE orders SET state = 'lapsed', updated_at = ? WHERE state = 'pending' AND due_on IS NOT NULL AND due_on < ?",
      [nowIso, today],
    );
  }

  /**
   * Appends one row to the order's payments ledger and keeps the order's received amount equal to the ledger's sum.
   * Call inside the transaction that decides what the money means.
   */
  async recordPayment(
    orderId: string,
    payment: {
      method: PaymentMethodCode;
      amountYen: number;
      outcome: PaymentOutcome;
      reference: string | null;
      receivedOn?: string | null;
    },
    nowIso: string,
  ): Promise<void> {
    await this.sql.run(
      'INSERT INTO payments (order_id, provider, method, amount_yen, outcome, reference, received_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [
        orderId,
        'sandbox',
        payment.method,
        payment.amountYen,
        payment.outcome,
        payment.reference,
        payment.receivedOn ?? null,
        nowIso,
      ],
    );
    await this.sql.run(
      `UPDATE orders SET received_yen = (
         SELECT SUM(CASE p.outcome WHEN 'refunded' THEN -p.amount_yen WHEN 'declined' THEN 0 ELSE p.amount_yen END)
           FROM payments p WHERE p.order_id = orders.id), updated_at = ? WHERE id = ?`,
      [nowIso, orderId],
    );
  }

  /** The order's payments ledger, oldest first. */
  paymentsFor(orderId: string): Promise<PaymentRow[]> {
    return this.sql.all<PaymentRow>(
      `SELECT id, method, outcome, amount_yen AS "amountYen", reference, received_on AS "receivedOn", created_at AS "createdAt"
         FROM payments WHERE order_id = ? ORDER BY id`,
      [orderId],
    );
  }
}
