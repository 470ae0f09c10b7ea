import LedgerCore
import LedgerStore

extension StoredRowChunk {
    /// Decodes every row and folds each run of rows of one stream (the rows must be in fold order within each
    /// stream, and a stream's rows must not continue into the next chunk): the states, in row order.
    func foldStreams() -> Result<[FoldedStream], LedgerStoreError> {
        let events: [LedgerEvent]
        switch decode() {
        case .success(let decoded): events = decoded
        case .failure(let error): return .failure(error)
        }
        var states: [FoldedStream] = []
        var index = 0
        while index < events.count {
            let stream = streams[index]
            guard var state = StreamState(stream: stream) else {
                return .failure(LedgerStoreError(.internalInvariant, "the log holds an event of stream \"\(stream)\", which names no stream kind"))
            }
            while index < events.count, streams[index] == stream {
                state.apply(events[index])
                index += 1
            }
            states.append(FoldedStream(state))
        }
        return .success(states)
    }
}
