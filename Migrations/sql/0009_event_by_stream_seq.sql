-- event_by_stream keyed (stream, seq) instead of (stream, occurred_at, seq).
--
-- Ingest inserts one entry per event into this index at a random place (events of one stream are spread over the
-- feed), and at 1M events that insert was the largest cost of ingest's single writing thread that grew with the log:
-- the 30-byte occurred_at text made each entry about twice the size of a (stream, seq) one, so fewer fit a page and
-- the page cache. The index still finds a stream's events together, in seq order, which is all it is for; the fold
-- order (occurred_at, seq) is then a sort of one stream's few rows in Swift (`sortIntoFoldOrder`, which the projector
-- and the point-in-time reads both use), run only when an event arrived late.
--
-- An existing log is re-indexed here, once: one sort of (stream, seq), a few seconds per million events.
DROP INDEX event_by_stream;
CREATE INDEX event_by_stream ON event (stream, seq);
