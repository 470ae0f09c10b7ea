import KeapClient
import LedgerCore

/// What a contact PATCH names, and which entries of Keap's replaced lists belong to the ledger. Keap replaces every
/// list a PATCH names (emails, phones, addresses, custom fields: "any item not listed here will be removed"), so the
/// ledger names only what it changes, and a PATCH that names a list first reads Keap's contact to send back the
/// entries the ledger does not own: EMAIL2, PHONE2, an OTHER address, the shop's own custom fields.
struct ContactPatch: Equatable {
    /// The `update_mask`: empty = nothing to send.
    let mask: [String]
    /// Per list, the `field` slots the ledger owns (EMAIL1, PHONE1, BILLING/SHIPPING as it has them).
    let ownedSlots: [KeapContactList: Set<String>]

    /// `confirmed` nil (a contact just adopted, or an attempt that did not finish) names every member the ledger has,
    /// and the custom fields (its `ExternalCustomerRef`); otherwise only the members whose ledger value changed. A
    /// member the ledger had and no longer has is named too, so Keap clears it; one it never had is left to Keap.
    init(desired: KeapCustomerView, confirmed: KeapCustomerView?) {
        func named(_ value: (KeapCustomerView) -> String?) -> Bool {
            guard let confirmed else { return nonBlank(value(desired)) != nil }
            return nonBlank(value(desired)) != nonBlank(value(confirmed))
        }
        var mask: [String] = []
        if named(\.email) { mask.append(KeapContactList.emailAddresses.rawValue) }
        if named(\.givenName) { mask.append("given_name") }
        if named(\.familyName) { mask.append("family_name") }
        if named(\.phone) { mask.append(KeapContactList.phoneNumbers.rawValue) }
        if named(\.company) { mask.append("company") }
        if confirmed.map({ $0.addresses != desired.addresses }) ?? !desired.addresses.isEmpty {
            mask.append(KeapContactList.addresses.rawValue)
        }
        if confirmed == nil { mask.append("custom_fields") }
        self.mask = mask

        let views = [desired] + (confirmed.map { [$0] } ?? [])
        ownedSlots = [
            .emailAddresses: views.contains { nonBlank($0.email) != nil } ? ["EMAIL1"] : [],
            .phoneNumbers: views.contains { nonBlank($0.phone) != nil } ? ["PHONE1"] : [],
            .addresses: Set(views.flatMap { $0.addresses.map(\.field.rawValue) }),
        ]
    }

    /// True when the PATCH names a list Keap would replace, so Keap's current entries must be read first.
    var replacesLists: Bool {
        mask.contains { name in name == "custom_fields" || KeapContactList(rawValue: name) != nil }
    }
}
