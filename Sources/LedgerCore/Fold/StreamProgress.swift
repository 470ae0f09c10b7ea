/// Which events a stream's state reflects: counts and bounds, for the projection rows and "changed since".
package struct StreamProgress: Sendable, Equatable {
    /// Events folded into the state (including those held back waiting for the stream's start event).
    package private(set) var eventCount = 0
    /// The lowest and highest seq folded.
    package private(set) var firstSeq: Int64?
    package private(set) var lastSeq: Int64?
    /// The latest event in business-time order `(occurredAt, seq)` (events are folded in that order).
    package private(set) var lastApplied: (occurredAt: Timestamp, seq: Int64)?
    /// The latest recorded_at among the folded events: when the ledger last learned something about the stream.
    package private(set) var lastRecordedAt: Timestamp?

    package init() {}

    mutating func record(_ event: LedgerEvent) {
        eventCount += 1
        firstSeq = min(firstSeq ?? event.seq, event.seq)
        lastSeq = max(lastSeq ?? event.seq, event.seq)
        lastApplied = (event.occurredAt, event.seq)
        lastRecordedAt = max(lastRecordedAt ?? event.recordedAt, event.recordedAt)
    }

    package static func == (lhs: StreamProgress, rhs: StreamProgress) -> Bool {
        lhs.eventCount == rhs.eventCount && lhs.firstSeq == rhs.firstSeq && lhs.lastSeq == rhs.lastSeq
            && lhs.lastApplied?.occurredAt == rhs.lastApplied?.occurredAt && lhs.lastApplied?.seq == rhs.lastApplied?.seq
            && lhs.lastRecordedAt == rhs.lastRecordedAt
    }
}
