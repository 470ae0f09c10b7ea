import GRDB
import LedgerCore

/// The durable ref -> Keap id map and the create intents (spec/keap-sync.md rules 1 and 2). Every write here commits
/// on its own: an intent must be on disk before the create it announces leaves the process.
extension LedgerDatabase {
    package func keapRef(_ key: KeapRefKey) throws(LedgerStoreError) -> KeapRefEntry {
        try readingStore("reading the Keap id of \(key)") { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT keap_id, field_name FROM keap_ref WHERE kind = ? AND owner = ? AND ref = ?",
                                             arguments: [key.kind.rawValue, key.owner, key.ref]) else { return .unknown }
            guard let id: String = row["keap_id"] else { return .intent }
            return .known(id: id, fieldName: row["field_name"])
        }
    }

    /// Every known ref -> id of one kind and owner (the items or payments of an order, the custom fields of a record type).
    package func keapRefs(_ kind: KeapRefKey.Kind, owner: String) throws(LedgerStoreError) -> [String: KeapRefEntry] {
        try readingStore("reading the Keap ids of \(owner)") { db in
            var entries: [String: KeapRefEntry] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT ref, keap_id, field_name FROM keap_ref WHERE kind = ? AND owner = ?",
                                        arguments: [kind.rawValue, owner]) {
                let id: String? = row["keap_id"]
                entries[row["ref"]] = id.map { .known(id: $0, fieldName: row["field_name"]) } ?? .intent
            }
            return entries
        }
    }

    /// Records (and commits) that a create of `key` is about to be sent.
    package func recordCreateIntent(_ key: KeapRefKey, clock: any LedgerClock = SystemClock()) throws(LedgerStoreError) {
        let now = clock.now().utcText
        try writingStore("recording the intent to create \(key)") { db in
            try db.execute(sql: """
                INSERT INTO keap_ref (kind, owner, ref, intent_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (kind, owner, ref) DO UPDATE SET intents = intents + 1, intent_at = excluded.intent_at
                """, arguments: [key.kind.rawValue, key.owner, key.ref, now])
        }
    }

    /// Records Keap's id for `key` (created by us, or adopted after a lookup). `others` are recorded in the same
    /// transaction (an order's items, known from the create's answer).
    package func recordKeapID(
        _ key: KeapRefKey, id: String, fieldName: String? = nil, adopted: Bool,
        with others: [(key: KeapRefKey, id: String)] = [], clock: any LedgerClock = SystemClock()
    ) throws(LedgerStoreError) {
        let now = clock.now().utcText
        try writingStore("recording the Keap id of \(key)") { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO keap_ref (kind, owner, ref, keap_id, field_name, intent_at, resolution, resolved_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6)
                ON CONFLICT (kind, owner, ref) DO UPDATE SET keap_id = excluded.keap_id, field_name = excluded.field_name,
                    resolution = excluded.resolution, resolved_at = excluded.resolved_at
                """)
            try statement.execute(arguments: [key.kind.rawValue, key.owner, key.ref, id, fieldName, now, adopted ? "adopted" : "created"])
            for other in others {
                try statement.execute(arguments: [other.key.kind.rawValue, other.key.owner, other.key.ref, other.id, nil, now, adopted ? "adopted" : "created"])
            }
        }
    }

    /// Forgets `key` after Keap deleted the object (an order item removed from the order).
    package func forgetKeapRef(_ key: KeapRefKey) throws(LedgerStoreError) {
        try writingStore("forgetting the Keap id of \(key)") { db in
            try db.execute(sql: "DELETE FROM keap_ref WHERE kind = ? AND owner = ? AND ref = ?", arguments: [key.kind.rawValue, key.owner, key.ref])
        }
    }

    package func readingStore<T>(_ action: String, _ body: (Database) throws -> T) throws(LedgerStoreError) -> T {
        do {
            return try writer.read(body)
        } catch {
            throw LedgerStoreError.wrapping(error, doing: action)
        }
    }

    package func writingStore<T>(_ action: String, _ body: (Database) throws -> T) throws(LedgerStoreError) -> T {
        do {
            return try writer.write(body)
        } catch {
            throw LedgerStoreError.wrapping(error, doing: action)
        }
    }
}

extension LedgerDatabase {
    /// The ref that already owns Keap object `keapID` of `kind`, if any.
    package func keapRefOwning(_ kind: KeapRefKey.Kind, keapID: String) throws(LedgerStoreError) -> String? {
        try readingStore("reading the owner of Keap \(kind.rawValue) \(keapID)") { db in
            try String.fetchOne(db, sql: "SELECT ref FROM keap_ref WHERE kind = ? AND keap_id = ?", arguments: [kind.rawValue, keapID])
        }
    }
}
