-- The outbox: per stream, what Keap should show (written by the projector in the same transaction as the projection
-- rows and the checkpoint) and what Keap last confirmed (written by `outbox flush`). One row per stream, overwritten:
-- ten events on one order before a flush are one update. Not a projection: `rebuild` recomputes the desired state and
-- writes nothing when its hash did not change, and never touches what Keap confirmed.
--
-- The desired state is identified, not copied: its SHA-256 and the stream's last seq it reflects. The view itself is
-- the deterministic KeapView of the stream folded through `desired_version`, which the flush computes again from the
-- log (and checks against the hash). Storing it measured +224 MB and twice the projection time per 1M events.
CREATE TABLE outbox_stream (
    -- kind/ref, as in the log
    stream            TEXT    PRIMARY KEY,
    kind              TEXT    NOT NULL CHECK (kind IN ('customer', 'product', 'order', 'subscription')),
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
    status            TEXT    NOT NULL CHECK (status IN ('idle', 'pending', 'parked')),
    attempts          INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at   TEXT,
    last_error        TEXT,
    parked_at         TEXT,
    parked_reason     TEXT,
    -- when the stream last became pending (for "oldest pending age"); NULL when not pending
    pending_since     TEXT,
    -- when desired_* last changed
    updated_at        TEXT    NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX outbox_by_status ON outbox_stream (status, kind, pending_since);
