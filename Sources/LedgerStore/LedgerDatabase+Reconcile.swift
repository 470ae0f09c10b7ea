import Foundation
import GRDB
import LedgerCore

/// What reconcile and relink read and write besides `keap_ref`: the outbox rows with their business time, the
/// confirmed state they set, and the audit trail.
extension LedgerDatabase {
    /// Every outbox stream of `kind` (orders with their `placed_at`), by ref.
    package func outboxRows(_ kind: StreamKind) throws(LedgerStoreError) -> [OutboxRow] {
        try readingStore("reading the \(kind.rawValue) streams of the outbox") { db in
            let placed = kind == .order ? "(SELECT placed_at FROM orders WHERE order_ref = o.ref)" : "NULL"
            return try Row.fetchAll(db, sql: """
                SELECT stream, ref, ready, status, desired_hash, confirmed_hash, confirmed_at, attempts, last_error, parked_reason,
                       \(placed) AS placed_at
                FROM outbox_stream o WHERE kind = ? ORDER BY ref
                """, arguments: [kind.rawValue]).map { row in Self.outboxRow(row, kind: kind) }
        }
    }

    private static func outboxRow(_ row: Row, kind: StreamKind) -> OutboxRow {
        let desired: Data = row["desired_hash"]
        let confirmed: Data? = row["confirmed_hash"]
        let ready: Bool = row["ready"]
        let attempts: Int = row["attempts"]
        return OutboxRow(
            stream: row["stream"], kind: kind, ref: row["ref"], ready: ready, status: row["status"],
            desiredHash: Array(desired), confirmedHash: confirmed.map { Array($0) }, confirmedAt: row["confirmed_at"],
            attempts: attempts, lastError: row["last_error"], parkedReason: row["parked_reason"], placedAt: row["placed_at"])
    }

    /// Records that Keap shows `stream`'s desired state (relink found it so): idle unless parked or changed since.
    package func markConfirmed(
        _ stream: String, hash: [UInt8], version: Int64, json: [UInt8], clock: any LedgerClock = SystemClock()
    ) throws(LedgerStoreError) {
        try recordFlush(stream, .confirmed(hash: hash, version: version, confirmedJSON: json, note: nil), maxAttempts: Int.max, clock: clock)
    }

    /// Forgets what Keap was believed to show for `stream` and makes it pending (unless parked or not ready), so the
    /// next flush compares with Keap itself and sends what differs.
    package func markUnconfirmed(_ stream: String, clock: any LedgerClock = SystemClock()) throws(LedgerStoreError) {
        let now = clock.now().utcText
        try writingStore("marking \(stream) as not confirmed by Keap") { db in
            try db.execute(sql: """
                UPDATE outbox_stream SET confirmed_json = NULL, confirmed_hash = NULL, confirmed_version = NULL, confirmed_at = NULL,
                    status = CASE WHEN status = 'parked' OR ready = 0 THEN status ELSE 'pending' END,
                    pending_since = CASE WHEN status = 'parked' OR ready = 0 THEN pending_since ELSE coalesce(pending_since, ?2) END
                WHERE stream = ?1
                """, arguments: [stream, now])
        }
    }

    package func recordAudit(_ entry: ReconcileAuditEntry) throws(LedgerStoreError) {
        try writingStore("recording the reconcile audit of \(entry.ref)") { db in
            try db.execute(sql: """
                INSERT INTO reconcile_audit (at, actor, ref, kind, action, before, after, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [entry.at, entry.actor, entry.ref, entry.kind, entry.action, entry.before, entry.after, entry.outcome])
        }
    }

    /// The audit trail, oldest first; `since` (UTC text) keeps the rows at or after it.
    package func auditEntries(since: String?) throws(LedgerStoreError) -> [ReconcileAuditEntry] {
        try readingStore("reading the reconcile audit") { db in
            try Row.fetchAll(db, sql: """
                SELECT at, actor, ref, kind, action, before, after, outcome FROM reconcile_audit WHERE at >= ? ORDER BY id
                """, arguments: [since ?? ""]).map { row in
                ReconcileAuditEntry(at: row["at"], actor: row["actor"], ref: row["ref"], kind: row["kind"], action: row["action"],
                                    before: row["before"], after: row["after"], outcome: row["outcome"])
            }
        }
    }

    /// Every linked Keap id of `kind` -> the ref it belongs to (reconcile tells "ours" from "extra" with it).
    package func linkedRefs(_ kind: KeapRefKey.Kind) throws(LedgerStoreError) -> [String: String] {
        try readingStore("reading the linked Keap \(kind.rawValue) ids") { db in
            var refs: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT ref, keap_id FROM keap_ref WHERE kind = ? AND owner = '' AND keap_id IS NOT NULL",
                                        arguments: [kind.rawValue]) {
                refs[row["keap_id"]] = row["ref"]
            }
            return refs
        }
    }

    /// The email of every customer, by customer ref (reconcile compares it with the Keap order's contact).
    package func customerEmails() throws(LedgerStoreError) -> [String: String] {
        try readingStore("reading the customers' emails") { db in
            var emails: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT customer_ref, email FROM customers") { emails[row["customer_ref"]] = row["email"] }
            return emails
        }
    }
}
