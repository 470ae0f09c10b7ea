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

CREATE TABLE log_head (
    singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
    last_seq   INTEGER NOT NULL CHECK (last_seq >= 0),
    chain_hash BLOB    NOT NULL CHECK (length(chain_hash) = 32)
) STRICT;

CREATE TRIGGER event_no_delete BEFORE DELETE ON event
BEGIN
    SELECT RAISE(ABORT, 'event log is append-only: DELETE refused');
END;

CREATE TRIGGER event_no_update BEFORE UPDATE ON event
BEGIN
    SELECT RAISE(ABORT, 'event log is append-only: UPDATE refused');
END;

CREATE TRIGGER log_head_no_delete BEFORE DELETE ON log_head
BEGIN
    SELECT RAISE(ABORT, 'log_head cannot be deleted');
END;
