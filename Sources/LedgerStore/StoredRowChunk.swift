import LedgerCore

/// A run of stored rows copied out of SQLite, so another thread can decode them while the writer goes on.
package struct StoredRowChunk: Sendable {
    package init() {}

    var seqs: [Int64] = []
    /// One per row; consecutive rows of one stream share one string.
    package private(set) var streams: [String] = []
    /// Every row's recorded_at text, back to back (fixed width: 30 bytes each).
    var recordedAtBytes: [UInt8] = []
    /// Every row's line, back to back; `ends[i]` is where row i's line ends.
    var bytes: [UInt8] = []
    var ends: [Int] = []

    package var count: Int { seqs.count }

    /// Width of the stored UTC text (`YYYY-MM-DDThh:mm:ss.nnnnnnnnnZ`; the schema checks it).
    static let recordedAtWidth = 30

    package mutating func append(seq: Int64, stream: String, recordedAt: UnsafeRawBufferPointer, line: UnsafeRawBufferPointer) {
        seqs.append(seq)
        streams.append(stream)
        recordedAtBytes.append(contentsOf: recordedAt.prefix(StoredRowChunk.recordedAtWidth))
        recordedAtBytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: max(0, StoredRowChunk.recordedAtWidth - recordedAt.count)))
        bytes.append(contentsOf: line)
        ends.append(bytes.count)
    }

    /// Decodes every row, in order.
    package func decode() -> Result<[LedgerEvent], LedgerStoreError> {
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
