CREATE INDEX anomalies_by_code ON anomalies (code);

CREATE INDEX customers_by_email ON customers (email);

CREATE INDEX event_by_stream ON event (stream, seq);

CREATE UNIQUE INDEX keap_ref_by_keap_id ON keap_ref (kind, keap_id, (CASE kind WHEN 'custom_field' THEN owner ELSE '' END))
    WHERE keap_id IS NOT NULL;

CREATE INDEX keap_ref_history_by_ref ON keap_ref_history (kind, owner, ref);

CREATE INDEX order_lines_by_sku ON order_lines (sku);

CREATE INDEX orders_by_customer ON orders (customer_ref);

CREATE INDEX orders_by_last_recorded_at ON orders (last_recorded_at);

CREATE INDEX orders_by_status ON orders (status, order_ref);

CREATE INDEX outbox_by_status ON outbox_stream (status, kind, pending_since);

CREATE INDEX reconcile_audit_by_time ON reconcile_audit (at);

CREATE INDEX shipments_by_tracking_number ON shipments (tracking_number);

CREATE INDEX subscriptions_by_customer ON subscriptions (customer_ref);

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

CREATE TABLE event (
    -- Assigned by SQLite (max + 1) inside the writing transaction (BEGIN IMMEDIATE): commit order is seq order, and
    -- with deletes refused there are no gaps. The writer checks each assigned seq against the one it hashed.
    seq          INTEGER PRIMARY KEY,
    source       TEXT    NOT NULL CHECK (length(source) BETWEEN 1 AND 64),
    id           TEXT    NOT NULL CHECK (length(id) BETWEEN 1 AND 128),
    type         TEXT    NOT NULL,
    -- <kind>/<external ref>, e.g. order/FH-10023
    stream       TEXT    NOT NULL,
    -- Business time as a UTC instant, fixed width (YYYY-MM-DDThh:mm:ss.nnnnnnnnnZ) so text order is time order.
    -- The text as sent stays in `line`.
    occurred_at  TEXT    NOT NULL CHECK (length(occurred_at) = 30),
    -- System time: when this ledger stored the event (injected clock, never earlier than the previous event's).
    recorded_at  TEXT    NOT NULL CHECK (length(recorded_at) = 30),
    v            INTEGER NOT NULL CHECK (v >= 1),
    -- The exact bytes received, without the line end.
    line         BLOB    NOT NULL,
    -- SHA-256 of the line's JSON value in canonical form: equal hashes mean "the same event" (duplicate).
    content_hash BLOB    NOT NULL CHECK (length(content_hash) = 32),
    -- SHA-256 over the previous chain hash, seq, source, id and line: tamper evidence for the whole log.
    chain_hash   BLOB    NOT NULL CHECK (length(chain_hash) = 32),
    UNIQUE (source, id)
) STRICT;

CREATE TABLE keap_ref (
    -- contact | product | order | order_item | payment | custom_field | subscription | subscription_plan
    kind        TEXT    NOT NULL CHECK (kind IN ('contact', 'product', 'order', 'order_item', 'payment', 'custom_field',
                                                 'subscription', 'subscription_plan')),
    -- the owning object: the order ref for items and payments, the record type (orders, contacts, subscriptions) for
    -- custom fields, the SKU for subscription plans; '' for the rest
    owner       TEXT    NOT NULL DEFAULT '',
    -- customer ref | SKU | order ref | item key (line:<line ref>, charge:SHIPPING) | payment ref | custom-field label |
    -- subscription ref | plan key (MONTHLY/1/1250)
    ref         TEXT    NOT NULL,
    -- Keap's id; NULL = a create was attempted and its outcome is not known
    keap_id     TEXT,
    -- for custom fields: the field_name Keap filters by (for example _ExternalOrderRef0)
    field_name  TEXT,
    -- when the last create was attempted, and how many were (more than 1 = retried after a lookup found nothing)
    intent_at   TEXT    NOT NULL,
    intents     INTEGER NOT NULL DEFAULT 1 CHECK (intents >= 1),
    -- created: Keap answered our create; adopted: found by a lookup (an earlier create that did happen, or an
    -- object Keap already had)
    resolution  TEXT    CHECK (resolution IN ('created', 'adopted')),
    resolved_at TEXT,
    PRIMARY KEY (kind, owner, ref)
) STRICT, WITHOUT ROWID;

CREATE TABLE keap_ref_history (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    owner       TEXT NOT NULL,
    ref         TEXT NOT NULL,
    keap_id     TEXT NOT NULL,
    -- when the link was made (keap_ref.resolved_at, or intent_at) and when it ended
    linked_at   TEXT,
    ended_at    TEXT NOT NULL,
    -- why: 'deleted in Keap', 'relinked to 123', …
    reason      TEXT NOT NULL
) STRICT;

CREATE TABLE log_format (
    -- Any version number: `verify` refuses one it does not know, and a later format needs no table rebuild.
    version             INTEGER PRIMARY KEY CHECK (version >= 1),
    -- The first seq hashed by this version's rule (it may be one past the head: no event of this version yet).
    first_seq           INTEGER NOT NULL UNIQUE CHECK (first_seq >= 1),
    -- The chain hash of event first_seq - 1 when this version began (zeros for seq 1): the seal `verify` checks.
    previous_chain_hash BLOB    NOT NULL CHECK (length(previous_chain_hash) = 32)
) STRICT;

CREATE TABLE log_head (
    singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
    last_seq   INTEGER NOT NULL CHECK (last_seq >= 0),
    chain_hash BLOB    NOT NULL CHECK (length(chain_hash) = 32)
) STRICT;

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

CREATE TABLE outbox_stream (
    -- kind/ref, as in the log
    stream            TEXT    PRIMARY KEY,
    kind              TEXT    NOT NULL CHECK (kind = 'customer' OR kind = 'product' OR kind = 'order' OR kind = 'subscription'),
    ref               TEXT    NOT NULL,
    -- 0 while the stream must not be sent (an order without order.placed, a subscription without its start)
    ready             INTEGER NOT NULL CHECK (ready IN (0, 1)),
    -- SHA-256 of the Keap-visible state (KeapView bytes), and the stream's last seq it reflects
    desired_hash      BLOB    NOT NULL CHECK (length(desired_hash) = 32),
    desired_version   INTEGER NOT NULL CHECK (desired_version >= 0),
    -- what Keap last confirmed; NULL until the first successful flush
    confirmed_json    BLOB,
    confirmed_hash    BLOB    CHECK (confirmed_hash IS NULL OR length(confirmed_hash) = 32),
    confirmed_version INTEGER,
    confirmed_at      TEXT,
    -- idle: nothing to send (not ready, or desired = confirmed); pending: to send; parked: stopped by errors or an
    -- operator until `outbox retry`
    status            TEXT    NOT NULL CHECK (status = 'idle' OR status = 'pending' OR status = 'parked'),
    attempts          INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error        TEXT,
    parked_at         TEXT,
    parked_reason     TEXT,
    -- when the stream last became pending (for "oldest pending age"); NULL when not pending
    pending_since     TEXT,
    -- when desired_* last changed
    updated_at        TEXT    NOT NULL
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

CREATE TABLE projection_checkpoint (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    last_seq  INTEGER NOT NULL CHECK (last_seq >= 0)
) STRICT;

CREATE TABLE reconcile_audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    -- the OS user, or --actor
    actor     TEXT NOT NULL,
    ref       TEXT NOT NULL,
    -- missing | extra | duplicate | mismatch | unsent
    kind      TEXT NOT NULL,
    -- what was done: resend | update | delete_duplicate | report
    action    TEXT NOT NULL,
    before    TEXT,
    after     TEXT,
    -- done | refused: … | failed: …
    outcome   TEXT NOT NULL
) STRICT;

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

CREATE TABLE shipment_lines (
    order_ref    TEXT    NOT NULL,
    shipment_ref TEXT    NOT NULL,
    position     INTEGER NOT NULL,
    line_ref     TEXT    NOT NULL,
    quantity     INTEGER NOT NULL,
    PRIMARY KEY (order_ref, shipment_ref, position)
) STRICT, WITHOUT ROWID;

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

CREATE TABLE subscription_orders (
    subscription_ref TEXT    NOT NULL,
    position         INTEGER NOT NULL,
    order_ref        TEXT    NOT NULL,
    PRIMARY KEY (subscription_ref, position)
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

CREATE TABLE sync_state (
    key        TEXT NOT NULL PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TRIGGER event_no_delete BEFORE DELETE ON event
BEGIN
    SELECT RAISE(ABORT, 'event log is append-only: DELETE refused');
END;

CREATE TRIGGER event_no_update BEFORE UPDATE ON event
BEGIN
    SELECT RAISE(ABORT, 'event log is append-only: UPDATE refused');
END;

CREATE TRIGGER log_format_no_delete BEFORE DELETE ON log_format
BEGIN
    SELECT RAISE(ABORT, 'log_format is append-only: DELETE refused');
END;

CREATE TRIGGER log_format_no_update BEFORE UPDATE ON log_format
BEGIN
    SELECT RAISE(ABORT, 'log_format is append-only: UPDATE refused');
END;

CREATE TRIGGER log_head_no_delete BEFORE DELETE ON log_head
BEGIN
    SELECT RAISE(ABORT, 'log_head cannot be deleted');
END;
