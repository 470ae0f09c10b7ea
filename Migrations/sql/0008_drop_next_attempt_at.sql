-- outbox_stream.next_attempt_at was never set. A call is retried within the run that makes it (RetryPolicy's
-- backoff), a stream whose send failed is simply tried again by the next flush (cron decides when), and one that
-- fails --max-attempts times is parked until `outbox retry`: no run ever waits for a stored time. A column that is
-- always NULL claims a behaviour the code does not have, so it goes. SQLite (3.35+) drops it in place: no index, key,
-- check or trigger names it.
ALTER TABLE outbox_stream DROP COLUMN next_attempt_at;
