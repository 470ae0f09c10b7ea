import LedgerCore

/// The parts of a Keap `Contact` the sync reads. The client asks for exactly these with `fields=` (Keap's default
/// field set leaves `custom_fields` out).
package struct KeapContact: Sendable, Equatable {
    package let id: String
    /// `email_addresses[].email` in Keap's order.
    package let emails: [String]
    package let givenName: String?
    package let familyName: String?
    package let customFields: [KeapCustomFieldValue]

    /// The `fields` query value that returns what this type reads.
    static let responseFields = "id,email_addresses,given_name,family_name,custom_fields"

    package init(id: String, emails: [String], givenName: String?, familyName: String?, customFields: [KeapCustomFieldValue]) {
        self.id = id
        self.emails = emails
        self.givenName = givenName
        self.familyName = familyName
        self.customFields = customFields
    }

    init(json object: JSONObject) throws(KeapDecodeError) {
        let context = "contact"
        id = try object.requiredID("id", in: context)
        var emails: [String] = []
        for element in try JSONObject.array(object["email_addresses"], key: "email_addresses", in: context) {
            guard case .object(let entry) = element else {
                throw KeapDecodeError("contact.email_addresses[] is \(element.kindDescription), expected an object")
            }
            if let email = try entry.optionalString("email", in: "contact.email_addresses[]") { emails.append(email) }
        }
        self.emails = emails
        givenName = try object.optionalString("given_name", in: context)
        familyName = try object.optionalString("family_name", in: context)
        customFields = try KeapCustomFieldValue.list(object["custom_fields"], in: context)
    }
}
