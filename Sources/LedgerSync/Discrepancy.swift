/// One external order whose Keap side disagrees with the ledger: what kind, which Keap ids, which fields, and why as
/// far as the ledger knows.
package struct Discrepancy: Sendable, Equatable {
    package let ref: String
    package let kind: DiscrepancyKind
    package let keapIDs: [String]
    package let fields: [OrderDifference]
    package let cause: String
}
