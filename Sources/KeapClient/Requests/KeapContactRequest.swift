import LedgerCore

/// The contact fields the sync owns (`CreateUpdateContactRequest`). Keap *replaces* arrays it receives, so the caller
/// merges with Keap's current values before a PATCH.
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
            email.map { [.object(["email": .string($0), "field": .string("EMAIL1")])] } ?? [],
            mask: mask
        )
        members.appendIfPresent("given_name", givenName)
        members.appendIfPresent("family_name", familyName)
        members.appendArray(
            "phone_numbers",
            phone.map { [.object(["number": .string($0), "field": .string("PHONE1")])] } ?? [],
            mask: mask
        )
        if let companyName {
            members.append(JSONMember("company", .object(["company_name": .string(companyName)])))
        }
        members.appendArray("addresses", addresses.map(\.json), mask: mask)
        members.appendArray("custom_fields", customFields.map(\.json), mask: mask)
        return .object(JSONObject(members: members))
    }
}
