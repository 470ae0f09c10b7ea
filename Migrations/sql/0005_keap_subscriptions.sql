-- Subscriptions reach Keap: keap_ref also maps a subscription ref to its Keap subscription (kind 'subscription') and
-- a subscription plan of a product to its Keap plan (kind 'subscription_plan', owner = the SKU, ref = the plan key
-- '<cycle_type>/<frequency>/<plan price in minor units>', for example 'MONTHLY/1/1250').
--
-- SQLite cannot alter a CHECK constraint, and 0004 is never edited (migrations are append-only), so the table is
-- rebuilt with the wider CHECK: the old one is renamed, the new one created under the old name (so its stored CREATE
-- statement reads like the others), every row copied, the old table dropped with its index, and the index made again
-- (now per record type for custom fields, below).
ALTER TABLE keap_ref RENAME TO keap_ref_0004;

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

INSERT INTO keap_ref (kind, owner, ref, keap_id, field_name, intent_at, intents, resolution, resolved_at)
    SELECT kind, owner, ref, keap_id, field_name, intent_at, intents, resolution, resolved_at FROM keap_ref_0004;

DROP TABLE keap_ref_0004;

-- Two refs must never adopt one Keap object (for example two customer refs sharing an email). Custom-field ids are
-- unique only within one record type (Keap keeps the contact, order and subscription models apart, and 0004's index
-- refused the first subscription field that shared an id with an order field), so for them the record type is part
-- of the key.
CREATE UNIQUE INDEX keap_ref_by_keap_id ON keap_ref (kind, keap_id, (CASE kind WHEN 'custom_field' THEN owner ELSE '' END))
    WHERE keap_id IS NOT NULL;
