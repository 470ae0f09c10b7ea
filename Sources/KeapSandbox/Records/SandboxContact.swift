import LedgerCore

/// A contact: the accepted request members are kept as written (arrays replace on update, as in Keap), custom fields
/// typed.
package struct SandboxContact: Sendable, Equatable {
    package let id: String
    /// Members of `CreateUpdateContactRequest` other than `custom_fields`, as last written.
    package var fields: JSONObject
    package var customFields: [SandboxCustomFieldValue]
    package let createTime: String
    package var updateTime: String

    /// Every `email_addresses[].email`.
    package var emails: [String] {
        guard case .array(let entries)? = fields["email_addresses"] else { return [] }
        return entries.compactMap { entry in
            guard case .object(let object) = entry, case .string(let email)? = object["email"] else { return nil }
            return email
        }
    }

    package var givenName: String? { stringField("given_name") }
    package var familyName: String? { stringField("family_name") }

    func stringField(_ key: String) -> String? {
        if case .string(let text)? = fields[key] { return text }
        return nil
    }
}
