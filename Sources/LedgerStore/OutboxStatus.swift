import LedgerCore

/// `keap-ledger outbox status`: counts per kind and in total, and the oldest pending change.
package struct OutboxStatus: Sendable {
    package var total = OutboxCounts()
    package var byKind: [StreamKind: OutboxCounts] = [:]
    /// When the longest-waiting pending stream became pending; nil when nothing is pending.
    package var oldestPendingSince: Timestamp?
    /// Parked streams with their reasons, oldest first (at most `parkedListLimit`).
    package var parked: [(stream: String, reason: String)] = []

    package static let parkedListLimit = 20

    package init() {}
}
