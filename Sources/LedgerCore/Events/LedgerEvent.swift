/// One stored event as the fold sees it: its place in the log, its two times, and its typed data.
package struct LedgerEvent: Sendable, Equatable {
    /// Position in the log (gap-free, commit order).
    package let seq: Int64
    package let source: String
    package let id: String
    /// Business time: when it happened in the source system. The fold applies events in `(occurredAt, seq)` order.
    package let occurredAt: Timestamp
    /// System time: when the ledger stored it.
    package let recordedAt: Timestamp
    package let payload: EventPayload

    package init(seq: Int64, source: String, id: String, occurredAt: Timestamp, recordedAt: Timestamp, payload: EventPayload) {
        self.seq = seq
        self.source = source
        self.id = id
        self.occurredAt = occurredAt
        self.recordedAt = recordedAt
        self.payload = payload
    }

    package var type: EventType { payload.type }

    /// True when `self` comes before `other` in business-time order: `occurred_at`, then `seq`.
    package func precedes(_ other: LedgerEvent) -> Bool {
        occurredAt != other.occurredAt ? occurredAt < other.occurredAt : seq < other.seq
    }
}
