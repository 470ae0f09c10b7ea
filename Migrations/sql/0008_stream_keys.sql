-- Integer keys for reading a stream in business-time order (issue #13, the speed part).
--
-- `event_by_stream` was (stream, occurred_at, seq): a ~15-byte stream name and a 30-byte time text per entry, about
-- twice the entry of the issue's anchor, inserted at random by the single ingest writer (its cost grew with the log
-- as the page cache held less of the index). It is now (stream_id, occurred_s, occurred_ns, seq): small integers the
-- writer compares without memcmp and SQLite stores in a few bytes (occurred_ns is 0 for most feeds: no bytes at all).
--
-- These columns are derived, not facts: `stream_id` names the row's `stream` through the `stream` table, and
-- (occurred_s, occurred_ns) are `occurred_at` as seconds since 1970-01-01T00:00:00Z and nanoseconds. Two integers,
-- not one: the feed allows years 0001-9999, beyond what nanoseconds (or, exactly, anything finer than seconds) fit
-- in 64 bits, and a coarser time would order two events of one stream differently from `occurred_at`. So they are
-- outside the chain hash; `verify` re-derives each from the (chained) `stream` and `occurred_at` of every event and
-- checks that one name has one id, so an edit that would make the fold read a stream in another order is damage.

-- One row per stream name. Ids are assigned by the writer (max + 1) the first time a name is appended; never
-- changed or removed (an event refers to it). A row may exist with no event: a conflicting line of a new stream
-- resolves its id before the event insert refuses it.
CREATE TABLE stream (
    stream_id INTEGER PRIMARY KEY,
    name      TEXT    NOT NULL UNIQUE
) STRICT;

CREATE TRIGGER stream_no_update BEFORE UPDATE ON stream
BEGIN
    SELECT RAISE(ABORT, 'stream ids are permanent: UPDATE refused');
END;

CREATE TRIGGER stream_no_delete BEFORE DELETE ON stream
BEGIN
    SELECT RAISE(ABORT, 'stream ids are permanent: DELETE refused');
END;

-- ALTER TABLE needs a default for a NOT NULL column; 0 is no stream id (ids start at 1), so a row written without
-- the keys (another SQLite client) fails `verify`.
ALTER TABLE event ADD COLUMN stream_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE event ADD COLUMN occurred_s INTEGER NOT NULL DEFAULT 0;
ALTER TABLE event ADD COLUMN occurred_ns INTEGER NOT NULL DEFAULT 0 CHECK (occurred_ns BETWEEN 0 AND 999999999);

-- A log written before this migration gets its keys here, ids in order of each stream's first event (as the writer
-- assigns them). The UPDATE rewrites every row once (a one-time cost: the write lock is held for it), so the
-- append-only trigger steps aside for it and is put back exactly as 0001 made it.
INSERT INTO stream (name) SELECT stream FROM event GROUP BY stream ORDER BY min(seq);

DROP TRIGGER event_no_update;

UPDATE event SET
    stream_id = (SELECT stream_id FROM stream WHERE name = event.stream),
    occurred_s = CAST(strftime('%s', substr(occurred_at, 1, 19)) AS INTEGER),
    occurred_ns = CAST(substr(occurred_at, 21, 9) AS INTEGER);

CREATE TRIGGER event_no_update BEFORE UPDATE ON event
BEGIN
    SELECT RAISE(ABORT, 'event log is append-only: UPDATE refused');
END;

DROP INDEX event_by_stream;

-- The index holds seq (the rowid) anyway; naming it keeps (occurred_at, seq) order explicit for the readers.
CREATE INDEX event_by_stream ON event (stream_id, occurred_s, occurred_ns, seq);
