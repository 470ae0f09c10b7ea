-- Log format versions: which chain-hash rule covers which events.
--
-- Version 1 chained seq, source, id and line: `recorded_at` (and the derived columns, which `verify` re-derives from
-- the line) were outside the chain, so moving one event's recorded_at in a way that kept the order passed `verify`
-- yet changed what `order --known-at` answers. Version 2 chains every stored column of the row.
--
-- One row per version, from its first seq on. A new database is version 2 from seq 1. A database that already
-- holds events is sealed here: events 1..head keep version 1 (their hashes cannot change without rewriting the
-- log), the version-2 row records the version-1 head's seq and chain hash, and every event after it is version 2.
-- The chain itself runs on unbroken: the first version-2 event hashes the version-1 head as its predecessor.
CREATE TABLE log_format (
    -- Any version number: `verify` refuses one it does not know, and a later format needs no table rebuild.
    version             INTEGER PRIMARY KEY CHECK (version >= 1),
    -- The first seq hashed by this version's rule (it may be one past the head: no event of this version yet).
    first_seq           INTEGER NOT NULL UNIQUE CHECK (first_seq >= 1),
    -- The chain hash of event first_seq - 1 when this version began (zeros for seq 1): the seal `verify` checks.
    previous_chain_hash BLOB    NOT NULL CHECK (length(previous_chain_hash) = 32)
) STRICT;

INSERT INTO log_format (version, first_seq, previous_chain_hash)
SELECT 1, 1, zeroblob(32) FROM log_head WHERE singleton = 1 AND last_seq > 0;

INSERT INTO log_format (version, first_seq, previous_chain_hash)
SELECT 2, last_seq + 1, chain_hash FROM log_head WHERE singleton = 1;

CREATE TRIGGER log_format_no_update BEFORE UPDATE ON log_format
BEGIN
    SELECT RAISE(ABORT, 'log_format is append-only: UPDATE refused');
END;

CREATE TRIGGER log_format_no_delete BEFORE DELETE ON log_format
BEGIN
    SELECT RAISE(ABORT, 'log_format is append-only: DELETE refused');
END;
