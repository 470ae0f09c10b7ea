import KeapClient
import LedgerStore

/// A failure that stops a whole flush or setup run (one stream's trouble is a `StreamFailure` instead).
package enum SyncFailure: Error, Sendable, CustomStringConvertible {
    /// `keap setup` has not run (exit 64: the operator must run it first).
    case setupMissing(String)
    /// Another flush holds this database's flush lock (exit 75: try again later).
    case busy(String)
    /// Keap refused our credentials, or cannot be reached at all (exit 69).
    case keap(KeapCallError)
    /// Keap contradicts what the ledger recorded or needs: duplicates the sync cannot choose between, or ids the
    /// database holds that this Keap account does not have (exit 69; fix in Keap, or use the right database).
    case keapConflict(String)
    /// A run over many objects stopped on a failure that may pass (Keap unavailable, throttled, an unknown outcome):
    /// nothing it did is harmful and running it again is safe (exit 75).
    case interrupted(String)
    /// The ledger database failed (exit 74 or 75).
    case database(LedgerStoreError)
    /// A bug (exit 70).
    case internalError(String)

    package var description: String {
        switch self {
        case .setupMissing(let message), .busy(let message), .keapConflict(let message), .interrupted(let message), .internalError(let message): message
        case .keap(let error): "Keap: \(error)"
        case .database(let error): error.message
        }
    }
}
