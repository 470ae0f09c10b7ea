/// The part of an event's format-2 chain input that does not depend on where it lands in the log (everything but the
/// previous hash, seq and recorded_at), serialized once, on the thread that built the entry: the writing thread then
/// copies it whole instead of length-prefixing five strings and three numbers per event.
package struct ChainV2Segments: Sendable {
    /// Source, id, type, stream, occurred_at (each length-prefixed), then v, the content hash and the line's length.
    let bytes: [UInt8]
    /// Where recorded_at goes: between occurred_at and v.
    let recordedAtOffset: Int

    package init(
        source: String, id: String, type: String, stream: String, occurredAt: String, version: Int64, contentHash: [UInt8],
        lineCount: Int
    ) {
        (bytes, recordedAtOffset) = EventHashes.segmentBytes(
            source: source, id: id, type: type, stream: stream, occurredAt: occurredAt, version: version,
            contentHash: contentHash, lineCount: lineCount)
    }
}
