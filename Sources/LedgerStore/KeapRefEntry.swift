/// What the ledger knows about one Keap object (spec/keap-sync.md rules 1 and 2).
package enum KeapRefEntry: Sendable, Equatable {
    /// Never created or adopted: creating it is safe.
    case unknown
    /// A create was attempted and its outcome is unknown: look it up in Keap before creating it again.
    case intent
    /// Keap's id for it (and the `field_name` of a custom field).
    case known(id: String, fieldName: String?)

    package var keapID: String? {
        if case .known(let id, _) = self { id } else { nil }
    }
}
