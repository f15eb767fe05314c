import { type ServerDatabase } from '../store/database';

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
  receivedYen: number | null;
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
  response: string;
  created_at: string;
};

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
  response: JSON.parse(row.response) as OrderRow['response'],
  createdAt: row.created_at,
});

export class OrderRepository {
  private readonly anyOverdue;

  constructor(private readonly db: ServerDatabase) {
    this.anyOverdue = db.prepare<[string], { one: number }>(
      "SELECT 1 AS one FROM orders WHERE state = 'pending' AND due_on < ? LIMIT 1",
    );
  }

  insert(order: Omit<OrderRow, 'receivedYen'>, nowIso: string): void {
    this.db
      .prepare(
        `INSERT INTO orders (id, license_id, quote_id, idempotency_key, request_hash, method, state, amount_yen, months, options,
           term_start, term_end, due_on, response, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
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
        JSON.stringify(order.response),
        order.createdAt,
        nowIso,
      );
  }

  findById(id: string): OrderRow | null {
    const row = this.db.prepare<[string], Row>('SELECT * FROM orders WHERE id = ?').get(id);
    return row ? toOrder(row) : null;
  }

  /** The order already placed on a quote, if any still counts (a declined card may be retried on the same quote). */
  liveOrderForQuote(quoteId: string): OrderRow | null {
    const row = this.db
      .prepare<[string], Row>("SELECT * FROM orders WHERE quote_id = ? AND state IN ('pending', 'paid', 'needs-support') LIMIT 1")
      .get(quoteId);
    return row ? toOrder(row) : null;
  }

  findByIdempotencyKey(key: string): OrderRow | null {
    const row = this.db.prepare<[string], Row>('SELECT * FROM orders WHERE idempotency_key = ?').get(key);
    return row ? toOrder(row) : null;
  }

  forLicense(licenseId: string): OrderRow[] {
    return this.db
      .prepare<[string], Row>('SELECT * FROM orders WHERE license_id = ? ORDER BY created_at')
      .all(licenseId)
      .map(toOrder);
  }

  list(): OrderRow[] {
    return this.db.prepare<[], Row>('SELECT * FROM orders ORDER BY created_at').all().map(toOrder);
  }

  /** An earlier renewal not yet settled blocks new ones (SPEC §6): unpaid, or waiting for support. */
  unsettledFor(licenseId: string): OrderRow | null {
    const row = this.db
      .prepare<[string], Row>(
        "SELECT * FROM orders WHERE license_id = ? AND state IN ('pending', 'needs-support') ORDER BY created_at LIMIT 1",
      )
      .get(licenseId);
    return row ? toOrder(row) : null;
  }

  update(
    id: string,
    changes: {
      state: OrderState;
      termStart?: string | null;
      termEnd?: string | null;
      receivedYen?: number | null;
      response?: OrderRow['response'];
    },
    nowIso: string,
  ): void {
    const current = this.findById(id);
    if (!current) throw new Error(`no order ${id}`);
    this.db
      .prepare(
        'UPDATE orders SET state = ?, term_start = ?, term_end = ?, received_yen = ?, response = ?, updated_at = ? WHERE id = ?',
      )
      .run(
        changes.state,
        changes.termStart === undefined ? current.termStart : changes.termStart,
        changes.termEnd === undefined ? current.termEnd : changes.termEnd,
        changes.receivedYen === undefined ? current.receivedYen : changes.receivedYen,
        JSON.stringify(changes.response ?? current.response),
        nowIso,
        id,
      );
  }

  /** Unpaid orders past their due date lapse (SPEC §6); returns how many did. */
  lapseOverdue(today: string, nowIso: string): number {
    // Look before writing: most calls find nothing, and a read costs no write transaction (synchronous=FULL).
    if (!this.anyOverdue.get(today)) return 0;
    return this.db
      .prepare("UPDATE orders SET state = 'lapsed', updated_at = ? WHERE state = 'pending' AND due_on IS NOT NULL AND due_on < ?")
      .run(nowIso, today).changes;
  }

  recordPayment(
    orderId: string,
    payment: {
      method: PaymentMethodCode;
      amountYen: number;
      outcome: 'succeeded' | 'declined' | 'received';
      reference: string | null;
    },
    nowIso: string,
  ): void {
    this.db
      .prepare(
        'INSERT INTO payments (order_id, provider, method, amount_yen, outcome, reference, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(orderId, 'sandbox', payment.method, payment.amountYen, payment.outcome, payment.reference, nowIso);
  }

  paymentsFor(orderId: string): { outcome: string; amountYen: number }[] {
    return this.db
      .prepare<[string], { outcome: string; amountYen: number }>(
        'SELECT outcome, amount_yen AS amountYen FROM payments WHERE order_id = ? ORDER BY id',
      )
      .all(orderId);
  }
}
