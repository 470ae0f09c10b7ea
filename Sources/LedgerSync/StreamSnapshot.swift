import Crypto
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
        guard var state = StreamState(stream: pending.stream) else {
            throw LedgerStoreError(.internalInvariant, "the outbox names a malformed stream \(pending.stream)")
        }
        for event in try database.streamEvents(pending.stream) {
            state.apply(event)
        }
        view = KeapView(state)
        bytes = view.bytes
        hash = Array(SHA256.hash(data: bytes))
        version = state.progress.lastSeq ?? 0
        confirmed = pending.confirmedJSON.flatMap { try? JSONParser.parse($0) }
    }
}
