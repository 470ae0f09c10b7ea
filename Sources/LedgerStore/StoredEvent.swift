import LedgerCore

/// Turns a stored log row back into the typed event the fold reads: the same validator that accepted the line at
/// ingest, without the canonical form (the dedupe key is not needed again).
package enum StoredEvent {
    /// Decodes the row's line. `recordedAtUTC` is the row's fixed-width UTC text.
    package static func decode(
        seq: Int64, recordedAtUTC: String, line: UnsafeBufferPointer<UInt8>
    ) throws(LedgerStoreError) -> LedgerEvent {
        let event: ValidatedEvent
        switch FeedValidator.validate(line: line, withCanonicalBytes: false) {
        case .success(let validated): event = validated
        case .failure(let violation):
            throw LedgerStoreError(.internalInvariant, "stored event seq \(seq) no longer passes validation (\(violation)); run `keap-ledger verify`, and report this with the keap-ledger version")
        }
        let recordedAt: Timestamp
        do {
            recordedAt = try Timestamp(rfc3339: recordedAtUTC)
        } catch {
            throw LedgerStoreError(.internalInvariant, "stored event seq \(seq) has an unreadable recorded_at \(recordedAtUTC)")
        }
        return LedgerEvent(seq: seq, source: event.source, id: event.id, occurredAt: event.occurredAt, recordedAt: recordedAt, payload: event.payload)
    }
}
