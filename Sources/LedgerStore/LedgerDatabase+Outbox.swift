import GRDB
import LedgerCore

extension LedgerDatabase {
    /// Counts the outbox's streams by kind and state.
    package func outboxStatus() throws(LedgerStoreError) -> OutboxStatus {
        do {
            return try writer.read { db in
                var status = OutboxStatus()
                let rows = try Row.fetchAll(db, sql: """
                    SELECT kind,
                        CASE WHEN status = 'parked' THEN 'parked'
                             WHEN ready = 0 THEN 'waiting'
                             WHEN status = 'pending' THEN 'pending'
                             ELSE 'sent' END AS state,
                        count(*) AS streams
                    FROM outbox_stream GROUP BY 1, 2
                    """)
                for row in rows {
                    guard let kind = StreamKind(rawValue: row["kind"]) else { continue }
                    let count: Int = row["streams"]
                    var counts = status.byKind[kind] ?? OutboxCounts()
                    switch row["state"] as String {
                    case "parked": counts.parked += count; status.total.parked += count
                    case "waiting": counts.waiting += count; status.total.waiting += count
                    case "pending": counts.pending += count; status.total.pending += count
                    default: counts.sent += count; status.total.sent += count
                    }
                    status.byKind[kind] = counts
                }
                // Intents without an id, attributed to the stream that made them (items and payments: their order;
                // plans: the subscriptions that need them, one per plan).
                let inFlight = try Row.fetchAll(db, sql: """
                    SELECT CASE kind WHEN 'contact' THEN 'customer' WHEN 'product' THEN 'product'
                                     WHEN 'subscription' THEN 'subscription' WHEN 'subscription_plan' THEN 'subscription'
                                     ELSE 'order' END AS stream_kind,
                           count(DISTINCT CASE WHEN kind IN ('contact', 'product', 'order', 'subscription') THEN ref
                                               WHEN kind = 'subscription_plan' THEN 'plan:' || owner || '/' || ref
                                               ELSE owner END) AS streams
                    FROM keap_ref WHERE keap_id IS NULL AND kind <> 'custom_field' GROUP BY 1
                    """)
                for row in inFlight {
                    guard let kind = StreamKind(rawValue: row["stream_kind"]) else { continue }
                    let count: Int = row["streams"]
                    status.byKind[kind, default: OutboxCounts()].inFlight += count
                    status.total.inFlight += count
                }
                status.parked = try Row.fetchAll(db, sql: """
                    SELECT stream, coalesce(parked_reason, last_error, '') AS reason FROM outbox_stream
                    WHERE status = 'parked' ORDER BY parked_at, stream LIMIT ?
                    """, arguments: [OutboxStatus.parkedListLimit]).map { ($0["stream"], $0["reason"]) }
                if let oldest = try String.fetchOne(db, sql: "SELECT min(pending_since) FROM outbox_stream WHERE status = 'pending'") {
                    status.oldestPendingSince = try? Timestamp(rfc3339: oldest)
                }
                return status
            }
        } catch {
            throw LedgerStoreError.wrapping(error, doing: "reading the outbox")
        }
    }
}
