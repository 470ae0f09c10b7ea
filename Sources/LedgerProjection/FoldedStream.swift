import Foundation
import LedgerCore

/// A stream folded on a worker thread, with what its outbox row needs computed there too (building the Keap view
/// and hashing it took a sixth of the writer thread's time when done on it).
struct FoldedStream: Sendable {
    let state: StreamState
    /// Whether the stream may be sent to Keap.
    let isReady: Bool
    /// SHA-256 of the stream's Keap view.
    let desiredHash: Data

    init(_ state: StreamState) {
        self.state = state
        let view = KeapView(state)
        isReady = view.isReady
        desiredHash = Data(view.sha256)
    }
}
