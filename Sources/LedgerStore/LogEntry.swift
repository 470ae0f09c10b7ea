import LedgerCore

/// One validated feed line ready to append: what the log stores about it, minus seq, recorded_at and chain hash.
package struct LogEntry: Sendable {
    package let event: ValidatedEvent
    /// The exact received bytes, without the line end.
    package let line: [UInt8]
    /// SHA-256 of `event.canonicalBytes`.
    package let contentHash: [UInt8]
    /// `event.occurredAt.utcText`, formatted on the parsing thread so the writing thread only binds.
    package let occurredAtUTC: String

    package init(event: ValidatedEvent, line: [UInt8], contentHash: [UInt8]) {
        self.event = event
        self.line = line
        self.contentHash = contentHash
        occurredAtUTC = event.occurredAt.utcText
    }

    /// Hashes on the caller's thread: ingest calls this on its parsing thread, off the writer's.
    package init(event: ValidatedEvent, line: [UInt8]) {
        self.init(event: event, line: line, contentHash: EventHashes.content(event.canonicalBytes))
    }
}
