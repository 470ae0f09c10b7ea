import LedgerCore

/// One validated feed line ready to append: what the log stores about it, minus seq, recorded_at and chain hash.
/// Built on a parsing thread; holds only what the writer binds, so the writer has little to free.
package struct LogEntry: Sendable {
    package let source: String
    package let id: String
    package let type: EventType
    package let stream: String
    /// `occurredAt.utcText`, formatted on the parsing thread so the writing thread only binds.
    package let occurredAtUTC: String
    package let version: Int
    /// The exact received bytes, without the line end.
    package let line: [UInt8]
    /// SHA-256 of the event's canonical bytes.
    package let contentHash: [UInt8]
    /// What the chain hash covers of this entry, serialized here, off the writing thread.
    package let chainSegments: ChainV2Segments

    /// Hashes on the caller's thread: ingest calls this on a parsing thread, off the writer's.
    package init(event: ValidatedEvent, line: [UInt8]) {
        source = event.source
        id = event.id
        type = event.type
        stream = event.stream
        occurredAtUTC = event.occurredAt.utcText
        version = event.version
        self.line = line
        contentHash = EventHashes.content(event.canonicalBytes)
        chainSegments = ChainV2Segments(
            source: source, id: id, type: type.rawValue, stream: stream, occurredAt: occurredAtUTC, version: Int64(version),
            contentHash: contentHash, lineCount: line.count)
    }
}
