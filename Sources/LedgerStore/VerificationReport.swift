/// What `verify` found: the log's extent, format and head, the anchors checked, and the first damage if any.
package struct VerificationReport: Sendable, Equatable {
    /// Events checked.
    package var events: Int64 = 0
    /// Seq of the newest event (0 for an empty log).
    package var lastSeq: Int64 = 0
    /// Chain hash of the newest event, hex: an operator can keep it elsewhere as an external anchor.
    package var headHash: String = ""
    /// The format new events are written in.
    package var formatVersion: Int64 = LogFormat.current.rawValue
    /// The last seq chained by log format 1 (`recorded_at` outside the chain), nil when the log has no such events.
    package var version1LastSeq: Int64?
    /// Every anchor given, in the order given, with what was found.
    package var anchors: [AnchorCheck] = []
    /// The first sequence number at which the log is damaged, nil when intact. For damage at the end (events removed
    /// from the tail), the seq after the last one present; for an anchor whose hash differs, the anchor's seq (the
    /// rewrite began at or before it).
    package var firstBadSeq: Int64?
    /// What is wrong there.
    package var problem: String?
    /// Things that are not damage but weaken the guarantees (for example: the append-only triggers were dropped).
    package var warnings: [String] = []

    package init() {}

    /// True when no damage was found.
    package var isIntact: Bool { firstBadSeq == nil }
}
