/// One external order whose Keap side disagrees with the ledger: what kind, which Keap ids, which fields, and why as
/// far as the ledger knows.
package struct Discrepancy: Sendable, Equatable {
    package let ref: String
    package let kind: DiscrepancyKind
    package let keapIDs: [String]
    package let fields: [FieldDifference]
    package let cause: String
    /// Reported by an earlier `reconcile --fix` as not the ledger's to change (a foreign order, contact details kept
    /// in Keap) and unchanged since: still listed, but no longer a reason to fail (cron would mail it every day).
    package var acknowledged = false

    /// Drift an operator must look at: not `unsent` (the outbox already tracks it) and not acknowledged.
    package var needsAttention: Bool { kind != .unsent && !acknowledged }

    /// Only the contact's details differ (reported, never overwritten: Keap may own them, seed 002 step 6).
    package var isContactOnly: Bool { kind == .mismatch && !fields.isEmpty && fields.allSatisfy { $0.field == "contact email" } }

    /// What the audit records as the state before, for reports: the same text identifies the same finding later.
    package var reportedState: String {
        switch kind {
        case .extra, .duplicate: "Keap ids \(keapIDs.joined(separator: ", "))"
        default: fields.map(\.description).joined(separator: "; ")
        }
    }
}
