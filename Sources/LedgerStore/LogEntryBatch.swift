import LedgerCore

/// Validated feed lines ready to append, packed into one byte buffer: what the log stores about each, minus seq,
/// recorded_at and chain hash. A parsing thread builds a batch per chunk of lines; the writing thread, which bounds
/// ingest, binds straight from the buffer and frees one allocation per batch. (One value per entry, with five
/// strings and three arrays each, measured about a fifth of the writing thread in retains, releases and frees.)
package struct LogEntryBatch: Sendable {
    /// `count` bytes of `bytes` from `start`.
    struct Span: Sendable {
        let start: Int
        let count: Int
    }

    struct Entry: Sendable {
        let source: Span
        let id: Span
        let type: Span
        let stream: Span
        /// `occurredAt.utcText`, formatted on the parsing thread.
        let occurredAt: Span
        let version: Int64
        /// The exact received bytes, without the line end.
        let line: Span
        /// SHA-256 of the event's canonical bytes.
        let contentHash: Span
        /// What the format-2 chain hash covers of this entry (`EventHashes.appendSegments`), serialized here.
        let chainSegments: Span
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
        let occurredAt = event.occurredAt.utcText
        let contentHash = EventHashes.content(event.canonicalBytes)
        let source = put(event.source.utf8)
        let id = put(event.id.utf8)
        let type = put(event.type.rawValue.utf8)
        let stream = put(event.stream.utf8)
        let occurred = put(occurredAt.utf8)
        let lineSpan = put(line)
        let hash = put(contentHash)
        let segmentsStart = bytes.count
        let recordedAtOffset = EventHashes.appendSegments(
            source: event.source, id: event.id, type: event.type.rawValue, stream: event.stream, occurredAt: occurredAt,
            version: Int64(event.version), contentHash: contentHash, lineCount: line.count, to: &bytes)
        entries.append(Entry(
            source: source, id: id, type: type, stream: stream, occurredAt: occurred, version: Int64(event.version),
            line: lineSpan, contentHash: hash, chainSegments: Span(start: segmentsStart, count: bytes.count - segmentsStart),
            recordedAtOffset: recordedAtOffset))
        return entries.count - 1
    }

    private mutating func put<Bytes: Collection>(_ value: Bytes) -> Span where Bytes.Element == UInt8 {
        let start = bytes.count
        bytes.append(contentsOf: value)
        return Span(start: start, count: bytes.count - start)
    }

    /// Entry `index`'s source, for messages and the duplicate lookup (off the common path).
    package func source(at index: Int) -> String { text(entries[index].source) }

    /// Entry `index`'s id.
    package func id(at index: Int) -> String { text(entries[index].id) }

    /// Entry `index`'s line, as received.
    package func line(at index: Int) -> [UInt8] { Array(bytes[range(entries[index].line)]) }

    /// Entry `index`'s content hash.
    func contentHash(at index: Int) -> ArraySlice<UInt8> { bytes[range(entries[index].contentHash)] }

    private func text(_ span: Span) -> String { String(decoding: bytes[range(span)], as: UTF8.self) }

    private func range(_ span: Span) -> Range<Int> { span.start..<(span.start + span.count) }
}
