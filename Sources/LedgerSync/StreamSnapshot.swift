import Foundation
import LedgerCore
import LedgerStore

/// A pending stream's desired Keap view, computed again from the log (the outbox stores only its hash and version),
/// next to the view Keap last confirmed.
struct StreamSnapshot: Sendable {
    let pending: PendingStream
    let view: KeapView
    let bytes: [UInt8]
    let hash: [UInt8]
    let version: Int64
    /// The confirmed view as JSON, nil before the first success (or if it cannot be read: then everything is re-sent,
    /// which the idempotency rules make safe).
    let confirmed: JSONValue?

    init(_ pending: PendingStream, database: LedgerDatabase) throws(LedgerStoreError) {
        self.pending = pending
        let desired = try DesiredState(stream: pending.stream, database: database)
        view = desired.view
        bytes = desired.bytes
        hash = desired.hash
        version = desired.version
        confirmed = pending.confirmedJSON.flatMap { try? JSONParser.parse($0) }
    }
}
