-- Projections: the log folded into current state, per stream. Derived data: `keap-ledger rebuild` throws these rows
-- away and writes them again from the log, identical to what incremental projection wrote.
--
-- Conventions for operators querying with sqlite3:
--   * money is INTEGER minor units of the row's currency (orders.currency for an order's lines, shipments, payments and
--     refunds): 1250 with currency USD is 12.50;
--   * times are UTC text, fixed width (YYYY-MM-DDThh:mm:ss.nnnnnnnnnZ), so text order is time order;
--   * `last_seq` is the newest log event folded into the row; `last_recorded_at` when the ledger last learned
--     something about the stream (use it for "changed since").

-- Business-time reads of one stream: re-folds after a late event and point-in-time queries.
CREATE INDEX event_by_stream ON event (stream, occurred_at, seq);

-- The newest seq folded into every projection: written in the same transaction as the rows it covers.
CREATE TABLE projection_checkpoint (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    last_seq  INTEGER NOT NULL CHECK (last_seq >= 0)
) STRICT;

INSERT INTO projection_checkpoint (singleton, last_seq) VALUES (1, 0);

CREATE TABLE orders (
    order_ref        TEXT    PRIMARY KEY,
    -- 0 until order.placed is folded: such an order is never sent to Keap; its other events wait.
    complete         INTEGER NOT NULL CHECK (complete IN (0, 1)),
    customer_ref     TEXT,
    currency         TEXT,
    placed_at        TEXT,
    -- The last status the source reported (pending when none yet); NULL while incomplete.
    status           TEXT,
    -- Derived from shipments: unshipped, partially_shipped, shipped, delivered, returned.
    fulfilment       TEXT    NOT NULL,
    cancelled_at     TEXT,
    cancel_reason    TEXT,
    line_count       INTEGER NOT NULL,
    subtotal         INTEGER NOT NULL,
    shipping         INTEGER NOT NULL,
    tax              INTEGER NOT NULL,
    discount         INTEGER NOT NULL,
    -- subtotal + shipping + tax - discount
    total            INTEGER NOT NULL,
    paid             INTEGER NOT NULL,
    refunded         INTEGER NOT NULL,
    -- total - (paid - refunded)
    balance_due      INTEGER NOT NULL,
    -- JSON array of strings
    promo_codes      TEXT    NOT NULL,
    -- JSON object as in the feed, or NULL
    shipping_address TEXT,
    anomaly_count    INTEGER NOT NULL,
    -- events held until order.placed arrives
    waiting_events   INTEGER NOT NULL,
    event_count      INTEGER NOT NULL,
    first_seq        INTEGER NOT NULL,
    last_seq         INTEGER NOT NULL,
    last_occurred_at TEXT    NOT NULL,
    last_recorded_at TEXT    NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX orders_by_status ON orders (status, order_ref);
CREATE INDEX orders_by_last_recorded_at ON orders (last_recorded_at);
CREATE INDEX orders_by_customer ON orders (customer_ref);

CREATE TABLE order_lines (
    order_ref          TEXT    NOT NULL,
    line_ref           TEXT    NOT NULL,
    -- 0-based, in the order the lines were added
    position           INTEGER NOT NULL,
    sku                TEXT    NOT NULL,
    quantity           INTEGER NOT NULL,
    unit_price         INTEGER NOT NULL,
    -- quantity * unit_price
    line_total         INTEGER NOT NULL,
    description        TEXT,
    shipped_quantity   INTEGER NOT NULL,
    delivered_quantity INTEGER NOT NULL,
    returned_quantity  INTEGER NOT NULL,
    PRIMARY KEY (order_ref, line_ref)
) STRICT, WITHOUT ROWID;

CREATE INDEX order_lines_by_sku ON order_lines (sku);

CREATE TABLE shipments (
    order_ref       TEXT    NOT NULL,
    shipment_ref    TEXT    NOT NULL,
    position        INTEGER NOT NULL,
    carrier         TEXT    NOT NULL,
    service         TEXT,
    tracking_number TEXT,
    tracking_url    TEXT,
    -- 1 when the event named no lines (the rest of every line shipped)
    whole_order     INTEGER NOT NULL CHECK (whole_order IN (0, 1)),
    shipped_at      TEXT    NOT NULL,
    delivered_at    TEXT,
    returned_at     TEXT,
    return_reason   TEXT,
    seq             INTEGER NOT NULL,
    PRIMARY KEY (order_ref, shipment_ref)
) STRICT, WITHOUT ROWID;

CREATE INDEX shipments_by_tracking_number ON shipments (tracking_number);

CREATE TABLE shipment_lines (
    order_ref    TEXT    NOT NULL,
    shipment_ref TEXT    NOT NULL,
    position     INTEGER NOT NULL,
    line_ref     TEXT    NOT NULL,
    quantity     INTEGER NOT NULL,
    PRIMARY KEY (order_ref, shipment_ref, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE payments (
    order_ref   TEXT    NOT NULL,
    payment_ref TEXT    NOT NULL,
    position    INTEGER NOT NULL,
    amount      INTEGER NOT NULL,
    refunded    INTEGER NOT NULL,
    method      TEXT,
    gateway_ref TEXT,
    captured_at TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    PRIMARY KEY (order_ref, payment_ref)
) STRICT, WITHOUT ROWID;

CREATE TABLE refunds (
    order_ref   TEXT    NOT NULL,
    refund_ref  TEXT    NOT NULL,
    position    INTEGER NOT NULL,
    payment_ref TEXT    NOT NULL,
    amount      INTEGER NOT NULL,
    reason      TEXT,
    refunded_at TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    PRIMARY KEY (order_ref, refund_ref)
) STRICT, WITHOUT ROWID;

CREATE TABLE customers (
    customer_ref     TEXT    PRIMARY KEY,
    email            TEXT    NOT NULL,
    first_name       TEXT,
    last_name        TEXT,
    phone            TEXT,
    company          TEXT,
    billing_address  TEXT,
    shipping_address TEXT,
    event_count      INTEGER NOT NULL,
    first_seq        INTEGER NOT NULL,
    last_seq         INTEGER NOT NULL,
    last_occurred_at TEXT    NOT NULL,
    last_recorded_at TEXT    NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX customers_by_email ON customers (email);

CREATE TABLE products (
    sku              TEXT    PRIMARY KEY,
    -- NULL only when no upsert could be applied (see anomalies)
    name             TEXT,
    currency         TEXT,
    price            INTEGER,
    subscription     INTEGER NOT NULL CHECK (subscription IN (0, 1)),
    description      TEXT,
    active           INTEGER NOT NULL CHECK (active IN (0, 1)),
    anomaly_count    INTEGER NOT NULL,
    event_count      INTEGER NOT NULL,
    first_seq        INTEGER NOT NULL,
    last_seq         INTEGER NOT NULL,
    last_occurred_at TEXT    NOT NULL,
    last_recorded_at TEXT    NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE subscriptions (
    subscription_ref   TEXT    PRIMARY KEY,
    complete           INTEGER NOT NULL CHECK (complete IN (0, 1)),
    customer_ref       TEXT,
    sku                TEXT,
    currency           TEXT,
    price              INTEGER,
    interval           TEXT,
    interval_count     INTEGER NOT NULL,
    status             TEXT,
    started_at         TEXT,
    current_period_end TEXT,
    renewals           INTEGER NOT NULL,
    anomaly_count      INTEGER NOT NULL,
    waiting_events     INTEGER NOT NULL,
    event_count        INTEGER NOT NULL,
    first_seq          INTEGER NOT NULL,
    last_seq           INTEGER NOT NULL,
    last_occurred_at   TEXT    NOT NULL,
    last_recorded_at   TEXT    NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX subscriptions_by_customer ON subscriptions (customer_ref);

CREATE TABLE subscription_orders (
    subscription_ref TEXT    NOT NULL,
    position         INTEGER NOT NULL,
    order_ref        TEXT    NOT NULL,
    PRIMARY KEY (subscription_ref, position)
) STRICT, WITHOUT ROWID;

-- Facts that do not add up, per stream (stream = kind/ref), in fold order.
CREATE TABLE anomalies (
    stream     TEXT    NOT NULL,
    position   INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    event_id   TEXT    NOT NULL,
    event_type TEXT    NOT NULL,
    code       TEXT    NOT NULL,
    message    TEXT    NOT NULL,
    PRIMARY KEY (stream, position)
) STRICT, WITHOUT ROWID;

CREATE INDEX anomalies_by_code ON anomalies (code);
