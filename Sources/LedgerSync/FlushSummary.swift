/// What one `outbox flush` did (spec/cli.md: `sent`, `skipped`, `failed`, `parked`, `calls`, `seconds`).
package struct FlushSummary: Sendable, Equatable {
    /// Streams Keap now shows as the ledger wants.
    package var sent = 0
    /// Pending streams not attempted: beyond `--limit`, or an order or new subscription waiting for its customer or
    /// product to reach Keap.
    package var skipped = 0
    /// Streams whose attempt failed and that will be tried again.
    package var failed = 0
    /// Streams parked by this run (after their last allowed attempt, or refused by Keap).
    package var parked = 0
    /// HTTP requests sent to Keap, lookups and retries included.
    package var calls = 0
    package var seconds = 0.0
    /// Operator-readable lines: why streams failed, were parked or skipped, notes on what was left unsent.
    package var messages: [String] = []

    package init() {}
}
