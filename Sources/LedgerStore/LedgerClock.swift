import Foundation
import LedgerCore

/// Where the ledger's system time (`recorded_at`) comes from; injected so tests can fix it.
package protocol LedgerClock: Sendable {
    /// The current instant.
    func now() -> Timestamp
}

/// The machine's wall clock.
package struct SystemClock: LedgerClock {
    package init() {}

    package func now() -> Timestamp {
        let interval = Date().timeIntervalSince1970
        let seconds = interval.rounded(.down)
        return Timestamp(epochSeconds: Int64(seconds), nanoseconds: Int32(((interval - seconds) * 1_000_000).rounded(.down)) * 1000)
    }
}
