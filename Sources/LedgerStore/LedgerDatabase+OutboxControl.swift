import GRDB
import LedgerCore

extension LedgerDatabase {
    /// The outbox stream an operator named: `kind/ref`, or a bare ref when exactly one kind has it.
    /// Throws `.notFound` for an unknown one and `.ambiguous` (listing the candidates) when several kinds have it.
    package func outboxStream(named name: String) throws(LedgerStoreError) -> String {
        do {
            return try writer.read { db in
                if let exact = try String.fetchOne(db, sql: "SELECT stream FROM outbox_stream WHERE stream = ?", arguments: [name]) {
                    return exact
                }
                let candidates = try String.fetchAll(db, sql: "SELECT stream FROM outbox_stream WHERE ref = ? ORDER BY stream", arguments: [name])
                switch candidates.count {
                case 1: return candidates[0]
                case 0: throw LedgerStoreError(.notFound, "the outbox has no stream \(name); name it as kind/ref (for example order/FH-10023), and see `keap-ledger outbox status`")
                default: throw LedgerStoreError(.ambiguous, "\(name) names several outbox streams (\(candidates.joined(separator: ", "))); name one as kind/ref")
                }
            }
        } catch let error as LedgerStoreError {
            throw error
        } catch {
            throw LedgerStoreError.wrapping(error, doing: "looking up outbox stream \(name)")
        }
    }

    /// Parks or retries one outbox stream; returns its status afterwards.
    package func control(outboxStream stream: String, _ control: OutboxControl, clock: any LedgerClock = SystemClock()) throws(LedgerStoreError) -> String {
        let now = clock.now().utcText
        do {
            return try writer.write { db in
                switch control {
                case .park(let reason):
                    try db.execute(sql: """
                        UPDATE outbox_stream SET status = 'parked', parked_at = ?, parked_reason = ? WHERE stream = ?
                        """, arguments: [now, reason, stream])
                case .retry:
                    // Pending only when there is something to send; the failure count starts again.
                    try db.execute(sql: """
                        UPDATE outbox_stream SET
                            status = CASE WHEN ready = 1 AND desired_hash IS NOT confirmed_hash THEN 'pending' ELSE 'idle' END,
                            pending_since = CASE WHEN ready = 1 AND desired_hash IS NOT confirmed_hash THEN coalesce(pending_since, ?) END,
                            attempts = 0, last_error = NULL, parked_at = NULL, parked_reason = NULL
                        WHERE stream = ?
                        """, arguments: [now, stream])
                }
                return try String.fetchOne(db, sql: "SELECT status FROM outbox_stream WHERE stream = ?", arguments: [stream]) ?? "unknown"
            }
        } catch {
            throw LedgerStoreError.wrapping(error, doing: "changing outbox stream \(stream)")
        }
    }
}
