import KeapClient
import LedgerCore
import LedgerStore

/// What every stream's sync needs: the ledger, the one Keap client (and so the one rate limiter), the settings and
/// the custom-field ids. Wraps each call so a failure arrives classified as a `StreamFailure`.
struct SyncContext: Sendable {
    let database: LedgerDatabase
    let client: KeapClient
    let settings: SyncSettings
    let fields: CustomFieldDirectory

    func keap<T>(_ action: @autoclosure () -> String, _ body: () async throws(KeapCallError) -> T) async throws(StreamFailure) -> T {
        do {
            return try await body()
        } catch {
            throw StreamFailure.from(error, doing: action())
        }
    }

    func store<T>(_ body: () throws(LedgerStoreError) -> T) throws(StreamFailure) -> T {
        do {
            return try body()
        } catch {
            throw StreamFailure.database(error)
        }
    }

    /// Keap's id for `key` when known; `.intent` entries and unknown ones give nil.
    func knownID(_ key: KeapRefKey) throws(StreamFailure) -> String? {
        try store { () throws(LedgerStoreError) in try database.keapRef(key).keapID }
    }

    /// Keap date-times: UTC, whole seconds, `Z` (the ledger's fixed-width form carries nanoseconds).
    static func keapTime(_ utcText: String) -> String {
        utcText.count >= 19 ? String(utcText.prefix(19)) + "Z" : utcText
    }
}
