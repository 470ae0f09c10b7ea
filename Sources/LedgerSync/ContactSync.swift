import KeapClient
import LedgerCore
import LedgerStore

/// One customer stream -> one Keap contact. Created with `duplicate_option=Email` (Keap updates the contact that has
/// the email instead of making a second one); the customer ref is kept in the contact custom field
/// `ExternalCustomerRef`, which is also what a lookup after an unknown outcome searches.
struct ContactSync {
    let context: SyncContext

    func sync(_ desired: CustomerView, confirmed: CustomerView?) async throws(StreamFailure) {
        let key = KeapRefKey(.contact, desired.customerRef)
        let entry = try context.store { () throws(LedgerStoreError) in try context.database.keapRef(key) }
        switch entry {
        case .known(let id, _):
            guard confirmed != desired else { return }
            _ = try await context.keap("updating contact \(desired.customerRef) (Keap id \(id))") { () throws(KeapCallError) in
                try await context.client.updateContact(id: id, request(desired), updateMask: mask(desired))
            }
            return
        case .intent:
            // Rule 2: an earlier create may have happened. Find it by our ref before creating again.
            if let field = context.fields.entry(.contacts, "ExternalCustomerRef") {
                let found = try await context.keap("looking up contact \(desired.customerRef)") { () throws(KeapCallError) in
                    try await context.client.listContacts(filter: SyncContext.exactFilter(fieldName: field.fieldName, value: desired.customerRef))
                }.filter { contact in contact.customFields.contains { $0.id == field.id && $0.content == desired.customerRef } }
                if found.count > 1 {
                    throw StreamFailure.refused("Keap has \(found.count) contacts for customer \(desired.customerRef) (ids \(found.map(\.id).joined(separator: ", "))); merge them in Keap, then `keap-ledger outbox retry customer/\(desired.customerRef)`")
                }
                if let existing = found.first {
                    try adopt(key, id: existing.id, created: false)
                    _ = try await context.keap("updating contact \(desired.customerRef) (Keap id \(existing.id))") { () throws(KeapCallError) in
                        try await context.client.updateContact(id: existing.id, request(desired), updateMask: mask(desired))
                    }
                    return
                }
            }
        case .unknown:
            break
        }
        try context.store { () throws(LedgerStoreError) in try context.database.recordCreateIntent(key) }
        let contact = try await context.keap("creating contact \(desired.customerRef)") { () throws(KeapCallError) in
            try await context.client.createContact(request(desired))
        }
        try adopt(key, id: contact.id, created: true)
    }

    /// Records the contact's id, refusing when another customer ref already owns it (two customers with one email:
    /// Keap keeps one contact per email, so they cannot both be represented).
    private func adopt(_ key: KeapRefKey, id: String, created: Bool) throws(StreamFailure) {
        if let other = try context.store({ () throws(LedgerStoreError) in try context.database.keapRefOwning(.contact, keapID: id) }), other != key.ref {
            throw StreamFailure.refused("customer \(key.ref) maps to Keap contact \(id), which customer \(other) already uses (Keap keeps one contact per email); give the customers distinct emails in the feed")
        }
        try context.store { () throws(LedgerStoreError) in try context.database.recordKeapID(key, id: id, adopted: !created) }
    }

    private func request(_ customer: CustomerView) -> KeapContactRequest {
        KeapContactRequest(
            email: customer.email, givenName: nonBlank(customer.givenName), familyName: nonBlank(customer.familyName),
            phone: nonBlank(customer.phone), companyName: nonBlank(customer.company),
            addresses: customer.addresses.map { address in
                KeapAddressRequest(
                    field: address.field, line1: address.line1, line2: nonBlank(address.line2), locality: nonBlank(address.locality),
                    // ISO 3166-2 subdivision code: the feed's region within the alpha-2 country ([verify] in keap-sync.md).
                    regionCode: regionCode(address), postalCode: nonBlank(address.postalCode), countryCode: address.countryCode)
            },
            customFields: context.fields.values(.contacts, [("ExternalCustomerRef", customer.customerRef)]))
    }

    private func regionCode(_ address: CustomerView.Address) -> String? {
        guard let region = nonBlank(address.region), let alpha3 = address.countryCode,
              let alpha2 = CountryTable.alpha3ByAlpha2.first(where: { $0.value == alpha3 })?.key else { return nil }
        return "\(alpha2)-\(region)"
    }

    /// Only the fields the ledger owns; arrays Keap replaces wholesale are sent only when the ledger has them.
    private func mask(_ customer: CustomerView) -> [String] {
        var mask = ["email_addresses", "given_name", "family_name", "custom_fields"]
        if nonBlank(customer.phone) != nil { mask.append("phone_numbers") }
        if !customer.addresses.isEmpty { mask.append("addresses") }
        if nonBlank(customer.company) != nil { mask.append("company") }
        return mask
    }
}
