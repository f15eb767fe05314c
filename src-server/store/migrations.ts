import { type Migration } from '../../src-shared/storage/migrations';

// Listed explicitly and never edited once released: a change is a new migration.
export const serverMigrations: Migration[] = [
  {
    version: 1,
    name: 'licenses and devices',
    up: `
      CREATE TABLE licenses (
        id            TEXT PRIMARY KEY,
        number        TEXT NOT NULL UNIQUE,
        product       TEXT NOT NULL,
        edition       TEXT NOT NULL CHECK (edition IN ('package', 'download')),
        kind          TEXT NOT NULL CHECK (kind IN ('perpetual', 'subscription', 'annual')),
        term_start    TEXT NOT NULL,
        term_end      TEXT NOT NULL,
        state         TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'moved', 'revoked', 'cancelled')),
        trial         INTEGER NOT NULL DEFAULT 0 CHECK (trial IN (0, 1)),
        device        TEXT,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        CHECK (term_start <= term_end)
      );
      CREATE TABLE license_options (
        license_id TEXT NOT NULL REFERENCES licenses(id) ON DELETE CASCADE,
        code       TEXT NOT NULL,
        term_end   TEXT NOT NULL,
        PRIMARY KEY (license_id, code)
      );
      CREATE TABLE activations (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        license_id  TEXT NOT NULL REFERENCES licenses(id),
        device      TEXT NOT NULL,
        app_version TEXT NOT NULL,
        at          TEXT NOT NULL
      );
      CREATE INDEX activations_license ON activations(license_id);
    `,
  },
  {
    version: 2,
    name: 'customers, registration, trials, quotes, orders, payments',
    up: `
      CREATE TABLE customers (
        id                          TEXT PRIMARY KEY,
        name                        TEXT NOT NULL,
        email                       TEXT,
        yearly_applications         INTEGER NOT NULL DEFAULT 0 CHECK (yearly_applications >= 0),
        new_additional_applications INTEGER NOT NULL DEFAULT 0 CHECK (new_additional_applications >= 0),
        created_at                  TEXT NOT NULL
      );
      ALTER TABLE licenses ADD COLUMN customer_id TEXT REFERENCES customers(id);
      -- 製品登録番号 / インストールキー printed in a package's booklet; the key is kept only as a hash.
      ALTER TABLE licenses ADD COLUMN registration_number TEXT;
      ALTER TABLE licenses ADD COLUMN install_key_hash TEXT;
      ALTER TABLE licenses ADD COLUMN registered_at TEXT;
      ALTER TABLE licenses ADD COLUMN registered_name TEXT;
      ALTER TABLE licenses ADD COLUMN registered_email TEXT;
      ALTER TABLE licenses ADD COLUMN auto_renew INTEGER NOT NULL DEFAULT 0 CHECK (auto_renew IN (0, 1));
      ALTER TABLE licenses ADD COLUMN installed_on TEXT;
      CREATE UNIQUE INDEX licenses_registration_number ON licenses(registration_number) WHERE registration_number IS NOT NULL;
      CREATE INDEX licenses_customer ON licenses(customer_id);

      CREATE TABLE trials (
        device      TEXT NOT NULL,
        product     TEXT NOT NULL,
        license_id  TEXT NOT NULL REFERENCES licenses(id),
        accepted_at TEXT NOT NULL,
        PRIMARY KEY (device, product)
      );

      CREATE TABLE quotes (
        id          TEXT PRIMARY KEY,
        license_id  TEXT NOT NULL REFERENCES licenses(id),
        plan_kind   TEXT NOT NULL CHECK (plan_kind IN ('continuous', 'resumption')),
        months      INTEGER NOT NULL CHECK (months > 0),
        options     TEXT NOT NULL,
        body        TEXT NOT NULL,
        total_yen   INTEGER NOT NULL CHECK (total_yen >= 0),
        created_at  TEXT NOT NULL,
        expires_at  TEXT NOT NULL
      );
      CREATE INDEX quotes_license ON quotes(license_id);

      CREATE TABLE orders (
        id              TEXT PRIMARY KEY,
        license_id      TEXT NOT NULL REFERENCES licenses(id),
        quote_id        TEXT NOT NULL REFERENCES quotes(id),
        idempotency_key TEXT NOT NULL UNIQUE,
        request_hash    TEXT NOT NULL,
        method          TEXT NOT NULL CHECK (method IN ('card', 'bank-transfer', 'account-transfer')),
        state           TEXT NOT NULL CHECK (state IN ('pending', 'paid', 'declined', 'lapsed', 'needs-support')),
        amount_yen      INTEGER NOT NULL CHECK (amount_yen >= 0),
        months          INTEGER NOT NULL,
        options         TEXT NOT NULL,
        -- the term the order buys (for a resumption paid later it is recomputed from the payment date)
        term_start      TEXT,
        term_end        TEXT,
        due_on          TEXT,
        received_yen    INTEGER,
        response        TEXT NOT NULL,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
      );
      CREATE INDEX orders_license_state ON orders(license_id, state);

      -- Sandbox payment provider records. At most one successful charge per order, enforced by the database.
      CREATE TABLE payments (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        order_id    TEXT NOT NULL REFERENCES orders(id),
        provider    TEXT NOT NULL,
        method      TEXT NOT NULL,
        amount_yen  INTEGER NOT NULL,
        outcome     TEXT NOT NULL CHECK (outcome IN ('succeeded', 'declined', 'received')),
        reference   TEXT,
        created_at  TEXT NOT NULL
      );
      CREATE UNIQUE INDEX payments_one_success ON payments(order_id) WHERE outcome IN ('succeeded', 'received');

      -- Demo mode only: an offset added to the real clock so demos can move time (admin CLI "clock").
      CREATE TABLE demo_clock (
        id        INTEGER PRIMARY KEY CHECK (id = 1),
        offset_ms INTEGER NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'reminder mails sent; one live order per quote',
    up: `
      -- A quote buys one renewal: a second live order on it is refused by the database too.
      CREATE UNIQUE INDEX orders_one_live_per_quote ON orders(quote_id) WHERE state IN ('pending', 'paid', 'needs-support');
      CREATE INDEX orders_pending_due ON orders(state, due_on);
      -- One row per reminder mail sent, so each reminder goes out once per service term (SPEC §3).
      CREATE TABLE reminder_mails (
        license_id TEXT NOT NULL REFERENCES licenses(id),
        term_end   TEXT NOT NULL,
        variant    TEXT NOT NULL CHECK (variant IN ('reminder-2-months', 'reminder-20-days')),
        sent_at    TEXT NOT NULL,
        PRIMARY KEY (license_id, term_end, variant)
      );
    `,
  },
  {
    version: 4,
    name: 'payments ledger; cleared and per-term orders; service mode',
    up: `
      -- Every receipt is its own row (card charge, transfer received, refund); an order's received amount is their sum.
      -- One successful charge per order is still enforced by the database; transfers may arrive in several parts.
      CREATE TABLE payments_ledger (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        order_id    TEXT NOT NULL REFERENCES orders(id),
        provider    TEXT NOT NULL,
        method      TEXT NOT NULL,
        amount_yen  INTEGER NOT NULL CHECK (amount_yen >= 0 AND amount_yen <= 100000000),
        outcome     TEXT NOT NULL CHECK (outcome IN ('succeeded', 'declined', 'received', 'refunded')),
        reference   TEXT,
        received_on TEXT,
        created_at  TEXT NOT NULL
      );
      INSERT INTO payments_ledger (id, order_id, provider, method, amount_yen, outcome, reference, received_on, created_at)
        SELECT id, order_id, provider, method, amount_yen, outcome, reference,
               CASE WHEN outcome = 'received' THEN reference END, created_at
          FROM payments;
      -- Before the ledger, money that went to support was kept only in orders.received_yen: give it its row.
      INSERT INTO payments_ledger (order_id, provider, method, amount_yen, outcome, reference, received_on, created_at)
        SELECT o.id, 'sandbox', o.method, o.received_yen, 'received', 'recorded before the ledger', NULL, o.updated_at
          FROM orders o
         WHERE o.received_yen IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id AND p.outcome IN ('received', 'succeeded'));
      DROP TABLE payments;
      ALTER TABLE payments_ledger RENAME TO payments;
      CREATE UNIQUE INDEX payments_one_charge ON payments(order_id) WHERE outcome = 'succeeded';
      CREATE INDEX payments_order ON payments(order_id);
      UPDATE orders SET received_yen = (
        SELECT SUM(CASE p.outcome WHEN 'refunded' THEN -p.amount_yen WHEN 'declined' THEN 0 ELSE p.amount_yen END)
          FROM payments p WHERE p.order_id = orders.id)
       WHERE EXISTS (SELECT 1 FROM payments p WHERE p.order_id = orders.id);

      -- A lapsed or support order blocks the next renewal until it is paid or the vendor clears it (seed 000).
      ALTER TABLE orders ADD COLUMN cleared_at TEXT;
      ALTER TABLE orders ADD COLUMN cleared_note TEXT;
      -- The license's term end when the order was placed: a placed order opens updates once per term (SPEC §8).
      ALTER TABLE orders ADD COLUMN placed_on_term_end TEXT;

      -- What the service process that runs on this database says it is (the admin CLI's demo clock asks).
      CREATE TABLE service_runs (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        mode       TEXT NOT NULL CHECK (mode IN ('development', 'production')),
        demo       INTEGER NOT NULL CHECK (demo IN (0, 1)),
        started_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 5,
    name: 'transfer instructions mailed',
    up: `
      -- When the bank-transfer instructions mail was taken by the transport; the page and the app say "we mailed
      -- them" only then.
      ALTER TABLE orders ADD COLUMN instructions_mailed_at TEXT;
    `,
  },
  {
    version: 6,
    name: 'several licenses of one customer: administrator, renewal dates, co-terming orders',
    up: `
      -- Seed 003: reminders go to the customer's license administrator (ライセンス管理者).
      ALTER TABLE customers ADD COLUMN administrator_email TEXT;
      -- The JST day an order was paid: a license's lastRenewedOn (customerSupportStates) is its latest paid renewal's.
      ALTER TABLE orders ADD COLUMN paid_on TEXT;
      UPDATE orders SET paid_on = COALESCE(
          (SELECT MAX(p.received_on) FROM payments p WHERE p.order_id = orders.id AND p.outcome = 'received'),
          date(created_at, '+9 hours'))
       WHERE state = 'paid';
      -- A co-terming quote keeps the per-license plan it priced (JSON), so the order buys exactly that.
      ALTER TABLE quotes ADD COLUMN co_term_plan TEXT;
      -- One row per license a co-terming order renews (the order row names the license it was placed from).
      CREATE TABLE order_items (
        order_id           TEXT NOT NULL REFERENCES orders(id),
        license_id         TEXT NOT NULL REFERENCES licenses(id),
        renewal            TEXT NOT NULL CHECK (renewal IN ('continuous', 'resumption', 'none')),
        months             INTEGER NOT NULL CHECK (months >= 0),
        options            TEXT NOT NULL,
        amount_yen         INTEGER NOT NULL CHECK (amount_yen >= 0),
        placed_on_term_end TEXT NOT NULL,
        common_end         TEXT NOT NULL,
        term_start         TEXT,
        term_end           TEXT,
        PRIMARY KEY (order_id, license_id)
      );
      CREATE INDEX order_items_license ON order_items(license_id);
    `,
  },
  {
    version: 7,
    name: 'latest order of a license by index',
    up: `
      -- The validation's one read picks a license's latest unsettled order by created_at: in index order, instead
      -- of sorting the license's orders in a temporary b-tree on every validation.
      CREATE INDEX orders_license_created ON orders(license_id, created_at);
    `,
  },
];
