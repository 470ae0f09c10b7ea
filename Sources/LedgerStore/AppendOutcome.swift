/// What happened to one entry offered to the log.
package enum AppendOutcome: Sendable, Equatable {
    /// Stored at this seq.
    case stored(seq: Int64)
    /// Already stored at this seq with the same JSON value: counted, not stored again.
    case duplicate(storedSeq: Int64)
    /// Already stored at this seq with a different value: rejected, the stored event wins.
    case conflict(storedSeq: Int64)
}
