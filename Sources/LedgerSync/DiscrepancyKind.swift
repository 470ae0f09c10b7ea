/// How one external order's Keap side disagrees with the ledger (cli.md, `reconcile`).
package enum DiscrepancyKind: String, Sendable, CaseIterable {
    /// A complete ledger order Keap does not have (never sent, or deleted in Keap).
    case missing
    /// A Keap order carrying an `ExternalOrderRef` the ledger does not know.
    case extra
    /// Two or more Keap orders for one ref.
    case duplicate
    /// One Keap order whose content differs from the ledger's.
    case mismatch
    /// The ledger knows Keap is behind (pending, in flight or parked in the outbox): not drift.
    case unsent
}
