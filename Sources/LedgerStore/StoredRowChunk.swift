import LedgerCore

/// A run of stored rows copied out of SQLite, so another thread can decode them while the writer goes on.
struct StoredRowChunk: Sendable {
    var seqs: [Int64] = []
    /// One per row; consecutive rows of one stream share one string.
    var streams: [String] = []
    /// Every row's recorded_at text, back to back (fixed width: 30 bytes each).
    var recordedAtBytes: [UInt8] = []
    /// Every row's line, back to back; `ends[i]` is where row i's line ends.
    var bytes: [UInt8] = []
    var ends: [Int] = []

    var count: Int { seqs.count }

    /// Width of the stored UTC text (`YYYY-MM-DDThh:mm:ss.nnnnnnnnnZ`; the schema checks it).
    static let recordedAtWidth = 30

    mutating func append(seq: Int64, stream: String, recordedAt: UnsafeRawBufferPointer, line: UnsafeRawBufferPointer) {
        seqs.append(seq)
        streams.append(stream)
        recordedAtBytes.append(contentsOf: recordedAt.prefix(StoredRowChunk.recordedAtWidth))
        recordedAtBytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: max(0, StoredRowChunk.recordedAtWidth - recordedAt.count)))
        bytes.append(contentsOf: line)
        ends.append(bytes.count)
    }

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

    /// Decodes every row, in order.
    func decode() -> Result<[LedgerEvent], LedgerStoreError> {
        var events: [LedgerEvent] = []
        events.reserveCapacity(count)
        return bytes.withUnsafeBufferPointer { all in
            var start = 0
            for index in 0..<count {
                let line = UnsafeBufferPointer(rebasing: all[start..<ends[index]])
                start = ends[index]
                let width = StoredRowChunk.recordedAtWidth
                let recordedAt = String(decoding: recordedAtBytes[(index * width)..<((index + 1) * width)], as: UTF8.self)
                do throws(LedgerStoreError) {
                    events.append(try StoredEvent.decode(seq: seqs[index], recordedAtUTC: recordedAt, line: line))
                } catch {
                    return .failure(error)
                }
            }
            return .success(events)
        }
    }
}
