import Foundation
import LedgerCore
import LedgerStore

extension DesiredOutboxState {
    /// The outbox's record of a folded `state`: its Keap view built and hashed here, on a fold worker (on the writing
    /// thread it took a sixth of that thread's time).
    init(folded state: StreamState) {
        let view = KeapView(state)
        self.init(stream: state.stream, kind: state.kind, reference: state.reference, version: state.progress.lastSeq ?? 0,
                  isReady: view.isReady, hash: Data(view.sha256))
    }
}
