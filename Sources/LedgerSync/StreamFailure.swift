import KeapClient
import LedgerStore

/// Why one stream could not be brought in line with Keap in this attempt.
enum StreamFailure: Error, Sendable {
    /// May succeed later (throttled, Keap unavailable, outcome unknown and looked up next time): counts as an attempt.
    case retryable(String)
    /// Will not succeed as sent (Keap refused the request, totals disagree, a duplicate in Keap): parked now.
    case refused(String)
    /// Something this stream needs has not been sent yet (its contact or a product): not an attempt, tried next flush.
    case blocked(String)
    /// Credentials refused: the whole run stops.
    case authentication(KeapCallError)
    /// The ledger database failed: the whole run stops.
    case database(LedgerStoreError)

    /// Classifies a failed Keap call made for `stream` while doing `action`.
    static func from(_ error: KeapCallError, doing action: String) -> StreamFailure {
        switch error.kind {
        case .authentication: .authentication(error)
        case .permanent: .refused("\(action): \(error)")
        case .retryable: .retryable("\(action): \(error)")
        case .unknownOutcome: .retryable("\(action): \(error) (the outcome is unknown: the next flush looks it up in Keap before creating it again)")
        }
    }
}
