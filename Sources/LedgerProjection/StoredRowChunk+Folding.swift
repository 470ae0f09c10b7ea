import LedgerCore
import LedgerStore

extension StoredRowChunk {
    /// Decodes every row, folds each run of rows of one stream in fold order `(occurred_at, seq)` (a stream's rows, in
    /// any order, must not continue into the next chunk) and encodes what the writer writes for it. Streams whose
    /// first event is at or below `projectedThrough` already have rows, which are deleted first.
    func foldStreams(projectedThrough: Int64) -> Result<FoldedChunk, LedgerStoreError> {
        if let readFailure { return .failure(readFailure) }
        var events: [LedgerEvent]
        switch decode() {
        case .success(let decoded): events = decoded
        case .failure(let error): return .failure(error)
        }
        var folded = FoldedChunk(events: count)
        for (stream, rows) in streams {
            guard var state = StreamState(stream: stream) else {
                return .failure(LedgerStoreError(.internalInvariant, "the log holds an event of stream \"\(stream)\", which names no stream kind"))
            }
            events.sortIntoFoldOrder(rows)
            for position in rows { state.apply(events[position]) }
            do throws(LedgerStoreError) {
                try folded.rows.append(state, replacing: (state.progress.firstSeq ?? .max) <= projectedThrough)
            } catch {
                return .failure(error)
            }
            folded.desired.append(DesiredOutboxState(folded: state))
        }
        return .success(folded)
    }
}
