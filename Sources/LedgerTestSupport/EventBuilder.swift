import LedgerCore

/// Typed events for fold tests, built from feed lines through the real validator (so tests speak the feed's
/// language and cannot build an event the ledger would refuse).
package enum EventBuilder {
    /// `line` must be a valid feed line; `recordedAt` defaults to a fixed instant.
    package static func event(_ line: String, seq: Int64, recordedAt: String = "2026-11-23T08:00:00Z") -> LedgerEvent {
        let bytes = Array(line.utf8)
        let result = bytes.withUnsafeBufferPointer { FeedValidator.validate(line: $0, withCanonicalBytes: false) }
        switch result {
        case .success(let event):
            // Test fixtures are literals; an invalid one should stop the test at once.
            return LedgerEvent(
                seq: seq, source: event.source, id: event.id, occurredAt: event.occurredAt,
                recordedAt: try! Timestamp(rfc3339: recordedAt), payload: event.payload
            )
        case .failure(let violation):
            fatalError("test line is not valid: \(violation): \(line)")
        }
    }

    /// An order-stream line: `type` with `data` (a JSON object text that includes order_ref) at `time`.
    package static func line(_ type: String, at time: String, id: String, data: String) -> String {
        FeedLines.envelope(id: id, type: type, at: time, data: data)
    }
}
