/// Decodes a line the log already holds into the event the fold reads, without parsing it into a JSON tree and
/// without checking it again: the line passed `FeedValidator` when it was ingested, the chain hash protects it since,
/// and `verify` re-validates every line. Projection and `rebuild` decode every stored line, and this path costs a
/// fraction of the validator's (see README, Performance).
///
/// It reads the fields the validator reads, with the same value types and constructors (`Timestamp(rfc3339:)`,
/// `DecimalAmount(text:)`, `Currency(code:)`, the enums' raw values), and returns nil for anything off its path (a
/// string with escapes, a value of an unexpected kind, a missing field): the caller then decodes that line with the
/// validator, so a nil costs time, never a different answer. A test holds the two to equal payloads on generated
/// feeds and every valid fixture.
package enum StoredLineDecoder {
    /// The event in `line`, or nil when the caller must use the validator.
    package static func decode(seq: Int64, recordedAt: Timestamp, line: UnsafeBufferPointer<UInt8>) -> LedgerEvent? {
        var reader = TrustedJSONReader(line)
        guard reader.beginObject() else { return nil }
        var id: String?
        var type: EventType?
        var occurredAt: Timestamp?
        var source: String?
        var dataOffset: Int?
        var decoded: EventPayload?
        var first = true
        while let key = reader.nextKey(first: &first) {
            if key.is("id") {
                id = reader.string()
            } else if key.is("type") {
                // Both read in place: a `String` each was a heap allocation per line (session 11).
                type = reader.eventType()
            } else if key.is("occurred_at") {
                occurredAt = reader.timestamp()
            } else if key.is("source") {
                source = reader.null() ? nil : reader.string()
            } else if key.is("data") {
                if let type {
                    // The usual order (`type` first): read `data` where it stands, scanning it once.
                    dataOffset = reader.index
                    decoded = payload(of: type, from: &reader)
                    if decoded == nil { return nil }
                } else {
                    // `data` before `type`: skip it, and read it once the envelope is known.
                    dataOffset = reader.index
                    reader.skipValue()
                }
            } else {
                reader.skipValue()  // `v` (every stored version decodes alike) and unknown fields
            }
        }
        guard !reader.failed, reader.atEnd(), let id, let type, let occurredAt, let dataOffset else { return nil }
        if decoded == nil {
            reader.seek(to: dataOffset)
            decoded = payload(of: type, from: &reader)
        }
        // Moved out, not copied: a copy of the payload retains and releases each of its strings.
        guard let payload = decoded.take(), !reader.failed else { return nil }
        return LedgerEvent(seq: seq, source: source ?? "default", id: id, occurredAt: occurredAt, recordedAt: recordedAt, payload: payload)
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// True when these bytes are exactly `name`'s (keys compare byte for byte, as the parser's duplicate check does).
    func `is`(_ name: StaticString) -> Bool {
        guard count == name.utf8CodeUnitCount else { return false }
        return name.withUTF8Buffer { expected in
            for offset in 0..<count where self[offset] != expected[offset] { return false }
            return true
        }
    }
}
