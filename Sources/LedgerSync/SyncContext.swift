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
    /// The ledger's record of Keap ids may be older than Keap (a restored backup, a copy put back, Keap orders newer
    /// than the ledger knows): every create is preceded by a lookup by external ref, as after an unknown outcome, and
    /// what Keap last confirmed is not trusted as a baseline (issue #11).
    var lookupFirst = false
    /// Charge item type (SHIPPING, TAX, DISCOUNT) -> Keap id of its charge product, when charges are sent as PRODUCT
    /// items (`SyncSettings.ChargeItems.product`); empty otherwise.
    var chargeProductIDs: [String: String] = [:]
    /// Shared by every stream of one run (a class): subscriptions that need the same plan take turns creating it.
    let planGate = KeyedGate()

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

    /// What the ledger knows of `key`, for deciding whether a create needs a lookup first: while `lookupFirst` holds,
    /// a ref the ledger never linked counts as an intent (it may exist in Keap, made by a ledger this one was copied
    /// from).
    func entry(_ key: KeapRefKey) throws(StreamFailure) -> KeapRefEntry {
        let entry = try store { () throws(LedgerStoreError) in try database.keapRef(key) }
        return lookupFirst && entry == .unknown ? .intent : entry
    }

    /// The confirmed view to compare against: none while `lookupFirst` holds (Keap may have moved past it, so the
    /// caller reads Keap instead).
    func trusted<View>(_ confirmed: View?) -> View? {
        lookupFirst ? nil : confirmed
    }

    /// Keap's id for `key` when known; `.intent` entries and unknown ones give nil.
    func knownID(_ key: KeapRefKey) throws(StreamFailure) -> String? {
        try store { () throws(LedgerStoreError) in try database.keapRef(key).keapID }
    }

    /// A list filter that finds `value` in a text custom field. Keap's filter has no escape syntax: `;` separates
    /// clauses, `,` lists and `*` is a wildcard, so a value containing one is searched by its prefix before it, plus
    /// `*`. Keap also matches case-insensitively, so callers always re-check candidates exactly.
    static func exactFilter(fieldName: String, value: String) -> String {
        if let cut = value.firstIndex(where: { $0 == ";" || $0 == "," || $0 == "*" }) {
            return "\(fieldName)==\(value[..<cut])*"
        }
        return "\(fieldName)==\(value)"
    }

    /// The rule-2 lookup's candidates whose text custom field `field` holds exactly `ref`. Keap filters match
    /// case-insensitively and treat `*` as a wildcard, so only an exact value is ours. A candidate listed without the
    /// field at all cannot be checked (whether Keap's list entries carry custom fields is unverified): it is read by id
    /// rather than taken or passed over, either of which could make a second object.
    func exactMatches<Record>(_ candidates: [Record], field: CustomFieldDirectory.Entry, ref: String,
                              customFields: (Record) -> [KeapCustomFieldValue], id: (Record) -> String,
                              read: (String) async throws(StreamFailure) -> Record) async throws(StreamFailure) -> [Record] {
        var found: [Record] = []
        for candidate in candidates {
            var record = candidate
            if !customFields(record).contains(where: { $0.id == field.id }) { record = try await read(id(candidate)) }
            if customFields(record).contains(where: { $0.id == field.id && $0.content == ref }) { found.append(record) }
        }
        return found
    }

    /// Keap ids are increasing integers: the older of two objects has the smaller id (text order for anything else).
    static func isOlder(_ id: String, than other: String) -> Bool {
        (Int(id) ?? Int.max, id) < (Int(other) ?? Int.max, other)
    }

    /// Keap date-times: UTC, whole seconds, `Z` (the ledger's fixed-width form carries nanoseconds).
    static func keapTime(_ utcText: String) -> String {
        utcText.count >= 19 ? String(utcText.prefix(19)) + "Z" : utcText
    }
}
