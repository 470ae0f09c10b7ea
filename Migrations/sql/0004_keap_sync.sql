-- The flush's own durable state (spec/keap-sync.md rules 1, 2 and 7). Not a projection: `rebuild` never touches it,
-- so what Keap holds stays mapped however often the projections are derived again.

-- Rule 1: external ref -> Keap id, for every object the flush creates or adopts. Rule 2: the row is written and
-- committed *before* each create (keap_id NULL); a row still without an id is an unknown outcome, and the next
-- flush looks the object up in Keap before creating it again.
CREATE TABLE keap_ref (
    -- contact | product | order | order_item | payment | custom_field
    kind        TEXT    NOT NULL CHECK (kind IN ('contact', 'product', 'order', 'order_item', 'payment', 'custom_field')),
    -- the owning object: the order ref for items and payments, the record type (orders, contacts) for custom fields;
    -- '' for the rest
    owner       TEXT    NOT NULL DEFAULT '',
    -- customer ref | SKU | order ref | item key (line:<line ref>, charge:SHIPPING) | payment ref | custom-field label
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

-- Two refs must never adopt one Keap object (for example two customer refs sharing an email).
CREATE UNIQUE INDEX keap_ref_by_keap_id ON keap_ref (kind, keap_id) WHERE keap_id IS NOT NULL;
