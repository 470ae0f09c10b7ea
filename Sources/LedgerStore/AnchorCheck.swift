/// What `verify` found for one anchor.
package struct AnchorCheck: Sendable, Equatable {
    package enum Result: String, Sendable {
        /// The log holds the anchor's seq with the anchor's chain hash.
        case held
        /// The log holds the seq with another chain hash: it was rewritten at or before that seq.
        case differs
        /// The log ends before the seq: its tail was cut.
        case missing = "beyond_end"
        /// Verification stopped at earlier damage before reaching this seq.
        case notReached = "not_reached"
    }

    package let anchor: Anchor
    package var result: Result

    package init(anchor: Anchor, result: Result) {
        self.anchor = anchor
        self.result = result
    }
}
