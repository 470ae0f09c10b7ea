import LedgerCore
import LedgerProjection
import LedgerStore

/// One stream's Keap view folded from the log: what Keap should show, its SHA-256 (the outbox's `desired_hash`) and
/// the stream's last seq. The flush, relink and reconcile all compare against this.
struct DesiredState: Sendable {
    let view: KeapView
    let bytes: [UInt8]
    let hash: [UInt8]
    let version: Int64

    init(stream: String, database: LedgerDatabase) throws(LedgerStoreError) {
        guard var state = StreamState(stream: stream) else {
            throw LedgerStoreError(.internalInvariant, "the outbox names a malformed stream \(stream)")
        }
        for event in try database.streamEvents(stream) {
            state.apply(event)
        }
        view = KeapView(state)
        bytes = view.bytes
        hash = view.sha256
        version = state.progress.lastSeq ?? 0
    }
}
