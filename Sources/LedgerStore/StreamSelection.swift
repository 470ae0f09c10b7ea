import LedgerCore

/// Which of a stream's events a read takes: all of them, or those within the bitemporal bounds.
package struct StreamSelection: Sendable, Equatable {
    /// Business time: events that occurred at or before this instant.
    package var occurredBy: Timestamp?
    /// System time: events the ledger had recorded at or before this instant.
    package var recordedBy: Timestamp?
    /// Events up to and including this seq.
    package var throughSeq: Int64?

    package init(occurredBy: Timestamp? = nil, recordedBy: Timestamp? = nil, throughSeq: Int64? = nil) {
        self.occurredBy = occurredBy
        self.recordedBy = recordedBy
        self.throughSeq = throughSeq
    }

    package static let everything = StreamSelection()
}
