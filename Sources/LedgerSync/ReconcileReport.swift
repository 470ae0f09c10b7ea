import LedgerStore

/// What one `reconcile` found and did (cli.md: `checked`, `ok`, `discrepancies`, `calls`, `seconds`).
package struct ReconcileReport: Sendable {
    /// Ledger orders compared (plus Keap's extra orders in a full run).
    package var checked = 0
    package var ok = 0
    package var discrepancies: [Discrepancy] = []
    /// What `--fix` did, as written to the audit table.
    package var actions: [ReconcileAuditEntry] = []
    package var calls = 0
    package var seconds = 0.0
    /// Lines for the operator (the sample's seed, lookup-first mode, what to run next).
    package var messages: [String] = []

    package init() {}

    package func count(_ kind: DiscrepancyKind) -> Int { discrepancies.filter { $0.kind == kind }.count }
}
