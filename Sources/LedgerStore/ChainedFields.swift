/// Every stored column of one event row but its chain hash: what log format 2 puts under the chain. The writer fills
/// it from what it binds, the verifier from what it reads back, so both hash the same bytes.
package struct ChainedFields {
    package var seq: Int64
    package var source: String
    package var id: String
    package var type: String
    package var stream: String
    /// Fixed-width UTC text, as stored.
    package var occurredAt: String
    /// Fixed-width UTC text, as stored.
    package var recordedAt: String
    package var version: Int64
    package var line: [UInt8]
    package var contentHash: [UInt8]

    package init(seq: Int64, source: String, id: String, type: String, stream: String, occurredAt: String, recordedAt: String, version: Int64, line: [UInt8], contentHash: [UInt8]) {
        self.seq = seq
        self.source = source
        self.id = id
        self.type = type
        self.stream = stream
        self.occurredAt = occurredAt
        self.recordedAt = recordedAt
        self.version = version
        self.line = line
        self.contentHash = contentHash
    }
}
