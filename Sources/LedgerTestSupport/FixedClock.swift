import LedgerCore
import LedgerStore

/// A clock that always says the same instant, so `recorded_at` is predictable in tests.
package struct FixedClock: LedgerClock {
    package let instant: Timestamp

    /// `text` must be a valid RFC 3339 timestamp (test input).
    package init(_ text: String = "2026-11-23T08:00:00Z") {
        // Test fixtures are literals; a typo should stop the test at once.
        instant = try! Timestamp(rfc3339: text)
    }

    package func now() -> Timestamp { instant }
}
