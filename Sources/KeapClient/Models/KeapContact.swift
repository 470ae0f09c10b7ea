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
    /// Keap's entries of each replaced list and its `custom_fields` entries, as it returned them: a PATCH must send
    /// back the ones the ledger does not own (`keptEntries`), raw, so that a number or a list-box value keeps its type.
    package let lists: [KeapContactList: [JSONObject]]
    package let customFieldEntries: [JSONObject]

    /// The `fields` query value that returns what this type reads.
    static let responseFields = "id,email_addresses,phone_numbers,addresses,given_name,family_name,custom_fields"

    package init(id: String, emails: [String], givenName: String?, familyName: String?, customFields: [KeapCustomFieldValue],
                 lists: [KeapContactList: [JSONObject]] = [:], customFieldEntries: [JSONObject] = []) {
        self.id = id
        self.emails = emails
        self.givenName = givenName
        self.familyName = familyName
        self.customFields = customFields
        self.lists = lists
        self.customFieldEntries = customFieldEntries
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
        var lists: [KeapContactList: [JSONObject]] = [:]
        for list in KeapContactList.allCases {
            lists[list] = try Self.objects(object[list.rawValue], key: list.rawValue)
        }
        self.lists = lists
        customFieldEntries = try Self.objects(object["custom_fields"], key: "custom_fields")
    }

    /// Keap's entries of `list` whose `field` (EMAIL2, PHONE3, OTHER…) is not in `ownedFields`, reduced to the members
    /// a request takes. An entry without a `field` is kept too: it is not the ledger's.
    package func keptEntries(_ list: KeapContactList, ownedFields: Set<String>) -> [JSONObject] {
        lists[list, default: []].compactMap { entry -> JSONObject? in
            if case .string(let field)? = entry["field"], ownedFields.contains(field) { return nil }
            return JSONObject(members: entry.members.filter { list.requestMembers.contains($0.key) })
        }
    }

    /// Keap's custom field values other than `ownedIDs`, exactly as returned (`{id, content}`).
    package func keptCustomFields(ownedIDs: Set<String>) -> [JSONObject] {
        customFieldEntries.compactMap { entry -> JSONObject? in
            guard let id = try? entry.requiredID("id", in: "contact.custom_fields[]"), !ownedIDs.contains(id) else { return nil }
            return JSONObject(members: entry.members.filter { $0.key == "id" || $0.key == "content" })
        }
    }

    private static func objects(_ value: JSONValue?, key: String) throws(KeapDecodeError) -> [JSONObject] {
        var objects: [JSONObject] = []
        for element in try JSONObject.array(value, key: key, in: "contact") {
            guard case .object(let entry) = element else {
                throw KeapDecodeError("contact.\(key)[] is \(element.kindDescription), expected an object")
            }
            objects.append(entry)
        }
        return objects
    }
}
