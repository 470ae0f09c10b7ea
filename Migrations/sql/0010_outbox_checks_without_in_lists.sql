-- outbox_stream's checks on `kind` and `status` as OR chains instead of IN lists: the same sets of values.
--
-- SQLite (3.40 here) evaluates a CHECK on an IN list of three or more constants by building an ephemeral b-tree of
-- the list each time the check runs: two of them for every outbox row inserted or updated, each opening and closing
-- a pager. A projecting ingest into a new ledger inserts a row per stream, and those b-trees were most of the half
-- second its writing thread spent on 40,000 outbox rows (perf, 200k events). An OR chain of equalities is checked
-- in place. (`ready IN (0, 1)`, two values, is already compiled as two comparisons.)
--
-- SQLite cannot change a check in place: the table is renamed, created again with every column, comment and check as
-- before but these two, filled from the old one, and the old one (with its index) dropped. No key, trigger or view
-- names it.
ALTER TABLE outbox_stream RENAME TO outbox_stream_0009;

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

INSERT INTO outbox_stream (stream, kind, ref, ready, desired_hash, desired_version, confirmed_json, confirmed_hash,
                           confirmed_version, confirmed_at, status, attempts, last_error, parked_at, parked_reason,
                           pending_since, updated_at)
SELECT stream, kind, ref, ready, desired_hash, desired_version, confirmed_json, confirmed_hash,
       confirmed_version, confirmed_at, status, attempts, last_error, parked_at, parked_reason,
       pending_since, updated_at
FROM outbox_stream_0009;

DROP TABLE outbox_stream_0009;

CREATE INDEX outbox_by_status ON outbox_stream (status, kind, pending_since);
