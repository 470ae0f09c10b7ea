import LedgerCore

/// A run of stored rows copied out of SQLite, so another thread can decode them while the writer goes on. The rows
/// of one stream are consecutive; the reading thread copies only bytes (a stream's name too: making its `String` on
/// that thread, which bounds `rebuild`, was 2 % of its samples), and the worker makes the values.
package struct StoredRowChunk: Sendable {
    package init() {}

    /// A chunk that carries, in order, why reading the log stopped: the worker returns the error as its result.
    package init(readFailure: LedgerStoreError) {
        self.readFailure = readFailure
    }

    /// Set when reading the log failed at this point; the chunk holds no rows then.
    package private(set) var readFailure: LedgerStoreError?

    /// An empty chunk with room for as much as `previous` held, so filling it does not grow its buffers step by
    /// step (the growth copies showed on the reading thread).
    package init(reservingLike previous: StoredRowChunk) {
        seqs.reserveCapacity(previous.seqs.count)
        recordedAtBytes.reserveCapacity(previous.recordedAtBytes.count)
        bytes.reserveCapacity(previous.bytes.count)
        ends.reserveCapacity(previous.ends.count)
        streamNames.reserveCapacity(previous.streamNames.count)
        streamNameEnds.reserveCapacity(previous.streamNameEnds.count)
        streamFirstRows.reserveCapacity(previous.streamFirstRows.count)
    }

    var seqs: [Int64] = []
    /// Every row's recorded_at text, back to back (fixed width: 30 bytes each).
    var recordedAtBytes: [UInt8] = []
    /// Every row's line, back to back; `ends[i]` is where row i's line ends.
    var bytes: [UInt8] = []
    var ends: [Int] = []
    /// Each stream's name once, back to back; `streamNameEnds[s]` is where stream s's name ends.
    private var streamNames: [UInt8] = []
    private var streamNameEnds: [Int] = []
    /// The first row of each stream.
    private var streamFirstRows: [Int] = []

    package var count: Int { seqs.count }

    /// Width of the stored UTC text (`YYYY-MM-DDThh:mm:ss.nnnnnnnnnZ`; the schema checks it).
    static let recordedAtWidth = Timestamp.utcTextWidth

    /// True when the last stream begun is named `name` (so its next row continues it).
    package func endsWithStream(named name: UnsafeRawBufferPointer) -> Bool {
        guard let end = streamNameEnds.last else { return false }
        let start = streamNameEnds.count > 1 ? streamNameEnds[streamNameEnds.count - 2] : 0
        return streamNames[start..<end].elementsEqual(name)
    }

    /// Starts a stream: the rows appended next are its own.
    package mutating func beginStream(named name: UnsafeRawBufferPointer) {
        streamNames.append(contentsOf: name)
        streamNameEnds.append(streamNames.count)
        streamFirstRows.append(count)
    }

    /// Appends a row of the stream begun last.
    package mutating func append(seq: Int64, recordedAt: UnsafeRawBufferPointer, line: UnsafeRawBufferPointer) {
        precondition(!streamFirstRows.isEmpty, "a row needs its stream begun first")
        seqs.append(seq)
        recordedAtBytes.append(contentsOf: recordedAt.prefix(StoredRowChunk.recordedAtWidth))
        recordedAtBytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: max(0, StoredRowChunk.recordedAtWidth - recordedAt.count)))
        bytes.append(contentsOf: line)
        ends.append(bytes.count)
    }

    /// Each stream's name and its rows, in order.
    package var streams: [(name: String, rows: Range<Int>)] {
        streamFirstRows.indices.map { index in
            let nameStart = index == 0 ? 0 : streamNameEnds[index - 1]
            let name = String(decoding: streamNames[nameStart..<streamNameEnds[index]], as: UTF8.self)
            let rowEnd = index + 1 < streamFirstRows.count ? streamFirstRows[index + 1] : count
            return (name, streamFirstRows[index]..<rowEnd)
        }
    }

    /// Decodes every row, in order.
    package func decode() -> Result<[LedgerEvent], LedgerStoreError> {
        var events: [LedgerEvent] = []
        events.reserveCapacity(count)
        return bytes.withUnsafeBufferPointer { all in
            recordedAtBytes.withUnsafeBufferPointer { times in
                var start = 0
                for index in 0..<count {
                    let line = UnsafeBufferPointer(rebasing: all[start..<ends[index]])
                    start = ends[index]
                    let width = StoredRowChunk.recordedAtWidth
                    let recordedAt = UnsafeBufferPointer(rebasing: times[(index * width)..<((index + 1) * width)])
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
}
