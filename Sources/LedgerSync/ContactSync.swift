import KeapClient
import LedgerCore
import LedgerStore

/// One customer stream -> one Keap contact. The customer ref is kept in the contact custom field
/// `ExternalCustomerRef`, which is also what a lookup after an unknown outcome searches. Before creating, a contact
/// Keap already has with the customer's email is adopted and merged into, not upserted over: Keap replaces the lists
/// an upsert or a PATCH names, and would drop the shop's EMAIL2, phones, addresses and custom fields (`ContactPatch`).
/// The create still says `duplicate_option=Email`, a second line of defence if one appears in between.
struct ContactSync {
    let context: SyncContext

    func sync(_ desired: KeapCustomerView, confirmed: KeapCustomerView?) async throws(StreamFailure) {
        let key = KeapRefKey(.contact, desired.customerRef)
        let entry = try context.entry(key)
        let confirmed = context.trusted(confirmed)
        switch entry {
        case .known(let id, _):
            guard confirmed != desired else { return }
            try await update(desired, patch: ContactPatch(desired: desired, confirmed: confirmed), id: id, keap: nil)
            return
        case .intent:
            // Rule 2: an earlier create may have happened. Find it by our ref before creating again.
            if let existing = try await lookUpByRef(desired) {
                try adopt(key, id: existing.id, created: false)
                try await update(desired, patch: ContactPatch(desired: desired, confirmed: nil), id: existing.id, keap: existing)
                return
            }
        case .unknown:
            break
        }
        if let existing = try await lookUpByEmail(desired) {
            try adopt(key, id: existing.id, created: false)
            try await update(desired, patch: ContactPatch(desired: desired, confirmed: nil), id: existing.id, keap: existing)
            return
        }
        try context.store { () throws(LedgerStoreError) in try context.database.recordCreateIntent(key) }
        let contact = try await context.keap("creating contact \(desired.customerRef)") { () throws(KeapCallError) in
            try await context.client.createContact(request(desired))
        }
        try adopt(key, id: contact.id, created: true)
    }

    /// PATCHes the members `patch` names. When it names a list, Keap's entries the ledger does not own go back with it
    /// (read first unless `keap` already holds this contact as Keap just returned it).
    private func update(_ desired: KeapCustomerView, patch: ContactPatch, id: String, keap: KeapContact?) async throws(StreamFailure) {
        guard !patch.mask.isEmpty else { return }
        var body = request(desired)
        if patch.replacesLists {
            let current: KeapContact
            if let keap {
                current = keap
            } else {
                current = try await context.keap("reading contact \(desired.customerRef) (Keap id \(id)) to merge its lists") { () throws(KeapCallError) in
                    try await context.client.getContact(id: id)
                }
            }
            for list in KeapContactList.allCases where patch.mask.contains(list.rawValue) {
                body.kept[list] = current.keptEntries(list, ownedFields: patch.ownedSlots[list, default: []])
            }
            body.keptCustomFields = current.keptCustomFields(ownedIDs: Set(body.customFields.map(\.id)))
        }
        _ = try await context.keap("updating contact \(desired.customerRef) (Keap id \(id))") { () throws(KeapCallError) in
            try await context.client.updateContact(id: id, body, updateMask: patch.mask)
        }
    }

    /// Rule 2 lookup by `ExternalCustomerRef` (exact re-check: filters are case-insensitive, `*` a wildcard).
    func lookUpByRef(_ desired: KeapCustomerView) async throws(StreamFailure) -> KeapContact? {
        guard let field = context.fields.entry(.contacts, "ExternalCustomerRef") else { return nil }
        let found = try await context.keap("looking up contact \(desired.customerRef)") { () throws(KeapCallError) in
            try await context.client.listContacts(filter: SyncContext.exactFilter(fieldName: field.fieldName, value: desired.customerRef))
        }.filter { contact in contact.customFields.contains { $0.id == field.id && $0.content == desired.customerRef } }
        if found.count > 1 {
            throw StreamFailure.refused("Keap has \(found.count) contacts for customer \(desired.customerRef) (ids \(found.map(\.id).joined(separator: ", "))); merge them in Keap, then `keap-ledger outbox retry customer/\(desired.customerRef)`")
        }
        return found.first
    }

    /// The contact Keap already has with the customer's email (emails compare case-insensitively, as Keap's
    /// duplicate check does). Several: the oldest, as the shop would see it first; the others are left alone.
    func lookUpByEmail(_ desired: KeapCustomerView) async throws(StreamFailure) -> KeapContact? {
        guard let email = nonBlank(desired.email) else { return nil }
        let wanted = email.lowercased()
        let found = try await context.keap("looking up a Keap contact with the email of customer \(desired.customerRef)") { () throws(KeapCallError) in
            try await context.client.listContacts(filter: SyncContext.exactFilter(fieldName: "email", value: email))
        }.filter { contact in contact.emails.contains { $0.lowercased() == wanted } }
        return found.min { SyncContext.isOlder($0.id, than: $1.id) }
    }

    /// Records the contact's id, refusing when another customer ref already owns it (two customers with one email:
    /// Keap keeps one contact per email, so they cannot both be represented).
    private func adopt(_ key: KeapRefKey, id: String, created: Bool) throws(StreamFailure) {
        if let other = try context.store({ () throws(LedgerStoreError) in try context.database.keapRefOwning(.contact, keapID: id) }), other != key.ref {
            throw StreamFailure.refused("customer \(key.ref) maps to Keap contact \(id), which customer \(other) already uses (Keap keeps one contact per email); give the customers distinct emails in the feed")
        }
        try context.store { () throws(LedgerStoreError) in try context.database.recordKeapID(key, id: id, adopted: !created) }
    }

    /// True when Keap's contact already shows every member a PATCH of `desired` would send (`KeapContact.shows`).
    func shows(_ desired: KeapCustomerView, _ keap: KeapContact) -> Bool {
        keap.shows(request(desired))
    }

    private func request(_ customer: KeapCustomerView) -> KeapContactRequest {
        KeapContactRequest(
            email: customer.email, givenName: nonBlank(customer.givenName), familyName: nonBlank(customer.familyName),
            phone: nonBlank(customer.phone), companyName: nonBlank(customer.company),
            addresses: customer.addresses.map { address in
                KeapAddressRequest(
                    field: address.field.rawValue, line1: address.line1, line2: nonBlank(address.line2), locality: nonBlank(address.locality),
                    // ISO 3166-2 subdivision code: the feed's region within the alpha-2 country ([verify] in keap-sync.md).
                    regionCode: regionCode(address), postalCode: nonBlank(address.postalCode), countryCode: address.countryAlpha3)
            },
            customFields: context.fields.values(.contacts, [("ExternalCustomerRef", customer.customerRef)]))
    }

    /// The view keeps the feed's alpha-2 code, so no reverse lookup: a country Keap cannot be sent (no alpha-3) has
    /// no region either.
    private func regionCode(_ address: KeapAddressView) -> String? {
        guard let region = nonBlank(address.region), address.countryAlpha3 != nil else { return nil }
        return "\(address.country)-\(region)"
    }
}
