import LedgerCore

/// The contact fields the sync owns (`CreateUpdateContactRequest`). Keap *replaces* the lists it receives (custom
/// fields included), so before a PATCH the caller puts Keap's entries it does not own in `kept` and
/// `keptCustomFields` (`KeapContact.keptEntries`), and they are sent back after the ledger's own.
package struct KeapContactRequest: Sendable, Equatable {
    /// Sent as `email_addresses: [{email, field: EMAIL1}]`.
    package var email: String?
    package var givenName: String?
    package var familyName: String?
    /// Sent as `phone_numbers: [{number, field: PHONE1}]`.
    package var phone: String?
    /// Sent as `company: {company_name}`.
    package var companyName: String?
    package var addresses: [KeapAddressRequest]
    package var customFields: [KeapCustomFieldValue]
    /// Keap's entries of each list that the ledger does not own, sent back unchanged.
    package var kept: [KeapContactList: [JSONObject]] = [:]
    /// Keap's other custom field values (`{id, content}` as Keap returned them), sent back unchanged.
    package var keptCustomFields: [JSONObject] = []

    package init(email: String? = nil, givenName: String? = nil, familyName: String? = nil, phone: String? = nil,
                 companyName: String? = nil, addresses: [KeapAddressRequest] = [], customFields: [KeapCustomFieldValue] = []) {
        self.email = email
        self.givenName = givenName
        self.familyName = familyName
        self.phone = phone
        self.companyName = companyName
        self.addresses = addresses
        self.customFields = customFields
    }

    /// `mask`: the PATCH's update mask (nil for a create), which decides whether empty arrays are sent.
    func json(mask: Set<String>?) -> JSONValue {
        var members: [JSONMember] = []
        members.appendArray(
            "email_addresses",
            (email.map { [.object(["email": .string($0), "field": .string("EMAIL1")])] } ?? []) + kept(.emailAddresses),
            mask: mask
        )
        members.appendIfPresent("given_name", givenName)
        members.appendIfPresent("family_name", familyName)
        members.appendArray(
            "phone_numbers",
            (phone.map { [.object(["number": .string($0), "field": .string("PHONE1")])] } ?? []) + kept(.phoneNumbers),
            mask: mask
        )
        if let companyName {
            members.append(JSONMember("company", .object(["company_name": .string(companyName)])))
        }
        members.appendArray("addresses", addresses.map(\.json) + kept(.addresses), mask: mask)
        members.appendArray("custom_fields", customFields.map(\.json) + keptCustomFields.map(JSONValue.object), mask: mask)
        // A PATCH body carries only what its mask names: a list outside the mask would be merged by nobody.
        if let mask { members.removeAll { !mask.contains($0.key) } }
        return .object(JSONObject(members: members))
    }

    private func kept(_ list: KeapContactList) -> [JSONValue] {
        kept[list, default: []].map(JSONValue.object)
    }
}
