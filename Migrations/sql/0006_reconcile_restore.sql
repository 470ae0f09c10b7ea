-- What the ledger knows about Keap beyond its own writes (issue #11, seeds 001 and 002): whether its record of Keap
-- ids can be trusted, every Keap id an object ever had, and what reconcile did. Not projections: `rebuild` never
-- touches them.

-- Small durable facts of the sync, one row each:
--   lookup_first      present while the ledger's record of Keap ids may be older than Keap (a restored backup, a
--                     copy put back, Keap orders newer than the ledger knows): every create is preceded by a lookup
--                     by external ref. Value: why. Cleared by `keap relink` (a reconcile reports it).
--   order_probe_mark  the highest Keap order id the flush's probe for newer orders has examined.
--   last_reconcile_at when a reconcile last ran (UTC text): `reconcile --sample` also checks orders changed since.
CREATE TABLE sync_state (
    key        TEXT NOT NULL PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Every Keap id an object was ever linked to and is no longer (seed 001: a restore or a re-send gives a new id, and
-- the old one is what invoices, payments and people may still point at). One row per link that ended.
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

CREATE INDEX keap_ref_history_by_ref ON keap_ref_history (kind, owner, ref);

-- Reconcile's audit trail (seed 002 step 6): one row per discrepancy acted on or reported by `reconcile --fix`.
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

CREATE INDEX reconcile_audit_by_time ON reconcile_audit (at);
