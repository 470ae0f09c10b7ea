import LedgerCore

/// Validated feed lines ready to append, packed into one byte buffer: what the log stores about each, minus seq,
/// recorded_at and chain hash. A parsing thread builds a batch per chunk of lines; the writing thread, which bounds
/// ingest, binds straight from the buffer and frees one allocation per batch. (One value per entry, with five
/// strings and three arrays each, measured about a fifth of the writing thread in retains, releases and frees.)
package struct LogEntryBatch: Sendable {
    /// Where one entry's bytes are in `bytes`. The chained fields are bound from inside the serialized chain input,
    /// which holds each of them once already.
    struct Entry: Sendable {
        let source: Range<Int>
        let id: Range<Int>
        let type: Range<Int>
        let stream: Range<Int>
        /// `occurredAt.utcText`, formatted on the parsing thread.
        let occurredAt: Range<Int>
        let version: Int64
        /// The exact received bytes, without the line end.
        let line: Range<Int>
        /// SHA-256 of the event's canonical bytes.
        let contentHash: Range<Int>
        /// What the format-2 chain hash covers of this entry (`EventHashes.appendSegments`), serialized here.
        let chainSegments: Range<Int>
        /// Where recorded_at goes in `chainSegments`, from its start.
        let recordedAtOffset: Int
    }

    private(set) var bytes: [UInt8] = []
    private(set) var entries: [Entry] = []

    package init() {}

    package var count: Int { entries.count }

    /// Adds `event`, read from `line`; returns its index. Hashes on the caller's thread: ingest calls this on a
    /// parsing thread, off the writer's.
    @discardableResult
    package mutating func append(_ event: ValidatedEvent, line: UnsafeBufferPointer<UInt8>) -> Int {
        let lineStart = bytes.count
        bytes.append(contentsOf: line)
        let layout = EventHashes.appendSegments(
            source: event.source, id: event.id, type: event.type.rawValue, stream: event.stream,
            occurredAt: event.occurredAt.utcText, version: Int64(event.version),
            contentHash: EventHashes.content(event.canonicalBytes), lineCount: line.count, to: &bytes)
        entries.append(Entry(
            source: layout.source, id: layout.id, type: layout.type, stream: layout.stream, occurredAt: layout.occurredAt,
            version: Int64(event.version), line: lineStart..<(lineStart + line.count), contentHash: layout.contentHash,
            chainSegments: layout.segments, recordedAtOffset: layout.recordedAtOffset))
        return entries.count - 1
    }

    /// Entry `index`'s source, for messages and the duplicate lookup (off the common path).
    package func source(at index: Int) -> String { text(entries[index].source) }

    /// Entry `index`'s id.
    package func id(at index: Int) -> String { text(entries[index].id) }

    /// Entry `index`'s line, as received.
    package func line(at index: Int) -> [UInt8] { Array(bytes[entries[index].line]) }

    /// Entry `index`'s content hash.
    func contentHash(at index: Int) -> ArraySlice<UInt8> { bytes[entries[index].contentHash] }

    private func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
}
