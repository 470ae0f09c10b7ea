/// What `verify` found: the log's extent and head, and the first damage if any.
package struct VerificationReport: Sendable, Equatable {
    /// Events checked.
    package var events: Int64 = 0
    /// Seq of the newest event (0 for an empty log).
    package var lastSeq: Int64 = 0
    /// Chain hash of the newest event, hex: an operator can keep it elsewhere as an external anchor.
    package var headHash: String = ""
    /// The first sequence number at which the log is damaged, nil when intact. For damage at the end (events removed
    /// from the tail), the seq after the last one present.
    package var firstBadSeq: Int64?
    /// What is wrong there.
    package var problem: String?
    /// Things that are not damage but weaken the guarantees (for example: the append-only triggers were dropped).
    package var warnings: [String] = []

    package init() {}

    /// True when no damage was found.
    package var isIntact: Bool { firstBadSeq == nil }
}
