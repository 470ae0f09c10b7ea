import GRDB
import LedgerCore

/// `sync_state` and `keap_ref_history` (migration 0006): what the ledger knows about how far its record of Keap ids
/// can be trusted, and every Keap id a ref was ever linked to.
extension LedgerDatabase {
    package func syncState(_ key: SyncStateKey) throws(LedgerStoreError) -> String? {
        try readingStore("reading \(key.rawValue)") { db in
            try String.fetchOne(db, sql: "SELECT value FROM sync_state WHERE key = ?", arguments: [key.rawValue])
        }
    }

    /// One fact with when it was last set (UTC text), nil when absent.
    package func syncStateEntry(_ key: SyncStateKey) throws(LedgerStoreError) -> (value: String, updatedAt: String)? {
        try readingStore("reading \(key.rawValue)") { db in
            try Row.fetchOne(db, sql: "SELECT value, updated_at FROM sync_state WHERE key = ?", arguments: [key.rawValue])
                .map { (value: $0["value"], updatedAt: $0["updated_at"]) }
        }
    }

    /// Sets (or, with nil, removes) one fact; commits on its own.
    package func setSyncState(_ key: SyncStateKey, _ value: String?, clock: any LedgerClock = SystemClock()) throws(LedgerStoreError) {
        let now = clock.now().utcText
        try writingStore("recording \(key.rawValue)") { db in
            if let value {
                try db.execute(sql: """
                    INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                    """, arguments: [key.rawValue, value, now])
            } else {
                try db.execute(sql: "DELETE FROM sync_state WHERE key = ?", arguments: [key.rawValue])
            }
        }
    }

    /// The highest Keap order id the ledger has linked (created or adopted), 0 when none.
    package func highestLinkedOrderID() throws(LedgerStoreError) -> Int64 {
        try readingStore("reading the highest linked Keap order id") { db in
            try Int64.fetchOne(db, sql: "SELECT max(CAST(keap_id AS INTEGER)) FROM keap_ref WHERE kind = 'order' AND keap_id IS NOT NULL") ?? 0
        }
    }

    /// Ends the link of `key` to its Keap id (kept in `keap_ref_history` with `reason`), so the next flush creates or
    /// adopts it anew. The order's items and payments go with it: they belonged to that Keap order.
    package func unlinkKeapRef(_ key: KeapRefKey, reason: String, clock: any LedgerClock = SystemClock()) throws(LedgerStoreError) {
        let now = clock.now().utcText
        try writingStore("ending the Keap link of \(key)") { db in
            // The object itself, and for an order its items and payments (owned by the order ref).
            var scopes: [(filter: String, arguments: StatementArguments)] = [
                ("kind = ? AND owner = ? AND ref = ?", [key.kind.rawValue, key.owner, key.ref]),
            ]
            if key.kind == .order {
                scopes.append(("kind IN ('order_item', 'payment') AND owner = ?", [key.ref]))
            }
            for scope in scopes {
                try db.execute(sql: """
                    INSERT INTO keap_ref_history (kind, owner, ref, keap_id, linked_at, ended_at, reason)
                    SELECT kind, owner, ref, keap_id, coalesce(resolved_at, intent_at), ?, ? FROM keap_ref
                    WHERE keap_id IS NOT NULL AND \(scope.filter)
                    """, arguments: [now, reason] + scope.arguments)
                try db.execute(sql: "DELETE FROM keap_ref WHERE \(scope.filter)", arguments: scope.arguments)
            }
        }
    }

    /// Every Keap id `key` was linked to before its current one, oldest first.
    package func keapRefHistory(_ key: KeapRefKey) throws(LedgerStoreError) -> [(keapID: String, endedAt: String, reason: String)] {
        try readingStore("reading the Keap id history of \(key)") { db in
            try Row.fetchAll(db, sql: """
                SELECT keap_id, ended_at, reason FROM keap_ref_history WHERE kind = ? AND owner = ? AND ref = ? ORDER BY id
                """, arguments: [key.kind.rawValue, key.owner, key.ref]).map { (keapID: $0["keap_id"], endedAt: $0["ended_at"], reason: $0["reason"]) }
        }
    }
}

extension LedgerDatabase {
    /// Whether some pending order stream has no Keap order linked yet (so the flush may create one).
    package func hasPendingOrderToCreate() throws(LedgerStoreError) -> Bool {
        try readingStore("reading the pending orders without a Keap id") { db in
            try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM outbox_stream o WHERE o.kind = 'order' AND o.status = 'pending' AND NOT EXISTS (
                    SELECT 1 FROM keap_ref k WHERE k.kind = 'order' AND k.owner = '' AND k.ref = o.ref AND k.keap_id IS NOT NULL))
                """) ?? false
        }
    }
}
