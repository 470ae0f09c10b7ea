import LedgerCore

/// Turns a stored log row back into the typed event the fold reads. The line was validated when it was ingested and
/// is under the chain hash since, so it is not validated again here (`verify` does that): `StoredLineDecoder` reads
/// it without building a JSON tree, and only a line off its fast path (a string with escapes, say) goes through the
/// validator that accepted it, without the canonical form (the dedupe key is not needed again).
package enum StoredEvent {
    /// Decodes the row's line. `recordedAtUTC` is the row's fixed-width UTC text.
    package static func decode(
        seq: Int64, recordedAtUTC: String, line: UnsafeBufferPointer<UInt8>
    ) throws(LedgerStoreError) -> LedgerEvent {
        var text = recordedAtUTC
        return try text.withUTF8 { recordedAt in
            Result { () throws(LedgerStoreError) in try decode(seq: seq, recordedAtUTC: recordedAt, line: line) }
        }.get()
    }

    /// `decode(seq:recordedAtUTC:line:)` with the recorded_at text as bytes, read in place (`rebuild` decodes every
    /// row, and a 30-byte string is a heap allocation).
    package static func decode(
        seq: Int64, recordedAtUTC: UnsafeBufferPointer<UInt8>, line: UnsafeBufferPointer<UInt8>
    ) throws(LedgerStoreError) -> LedgerEvent {
        let recordedAt: Timestamp
        do {
            recordedAt = try Timestamp(rfc3339: recordedAtUTC)
        } catch {
            throw LedgerStoreError(.internalInvariant, "stored event seq \(seq) has an unreadable recorded_at \(String(decoding: recordedAtUTC, as: UTF8.self))")
        }
        if let event = StoredLineDecoder.decode(seq: seq, recordedAt: recordedAt, line: line) { return event }
        let event: ValidatedEvent
        switch FeedValidator.validate(line: line, withCanonicalBytes: false) {
        case .success(let validated): event = validated
        case .failure(let violation):
            throw LedgerStoreError(.internalInvariant, "stored event seq \(seq) no longer passes validation (\(violation)); run `keap-ledger verify`, and report this with the keap-ledger version")
        }
        return LedgerEvent(seq: seq, source: event.source, id: event.id, occurredAt: event.occurredAt, recordedAt: recordedAt, payload: event.payload)
    }
}
