/// What `keap relink` found per kind of object (contacts, products, orders, subscriptions).
package struct RelinkSummary: Sendable, Equatable {
    package struct Tally: Sendable, Equatable {
        /// Linked to a Keap object the ledger had not recorded (or recorded under another id).
        package var linked = 0
        /// Already linked to the id Keap shows.
        package var unchanged = 0
        /// Several Keap objects for one ref: none linked; ref -> what Keap has (the ids).
        package var ambiguous: [String: String] = [:]
        /// Not in Keap: the next flush creates them.
        package var notFound: [String] = []

        package init() {}
    }

    /// Kind (`contact`, `product`, `order`, `subscription`) -> its tally.
    package var kinds: [String: Tally] = [:]
    /// Orders, contacts, products and subscriptions whose Keap content equals the ledger's: recorded as confirmed, so the next flush sends nothing for them.
    package var confirmed = 0
    package var dryRun = false
    package var calls = 0
    package var seconds = 0.0
    /// Lines for the operator (ambiguous refs, whether lookup-first was cleared).
    package var messages: [String] = []

    package init() {}

    /// True when nothing was ambiguous: every ref is linked or known to be absent.
    package var isComplete: Bool { kinds.values.allSatisfy { $0.ambiguous.isEmpty } }
}
