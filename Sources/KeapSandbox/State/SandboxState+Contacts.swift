import Foundation
import LedgerCore

/// Contacts: list with filters, create/upsert (`duplicate_option`), get, PATCH with `update_mask`.
extension SandboxState {
    static let contactProperties: Set<String> = [
        "addresses", "company", "origin", "prefix", "suffix", "website", "anniversary_date", "birth_date", "contact_type",
        "custom_fields", "email_addresses", "family_name", "fax_numbers", "given_name", "job_title", "leadsource_id",
        "middle_name", "owner_id", "phone_numbers", "preferred_locale", "preferred_name", "referral_code",
        "social_accounts", "source_type", "spouse_name", "time_zone", "utm_parameters", "assistant_name",
        "assistant_phone", "billing_information",
    ]

    static let contactMask = [
        "addresses", "anniversary_date", "birth_date", "company", "contact_type", "create_time", "custom_fields",
        "email_addresses", "family_name", "fax_numbers", "given_name", "id", "job_title", "leadsource_id", "links",
        "middle_name", "notes", "origin", "owner_id", "phone_numbers", "preferred_locale", "preferred_name", "prefix",
        "referral_code", "score_value", "social_accounts", "source_type", "spouse_name", "suffix", "tag_ids", "time_zone",
        "update_time", "utm_parameters", "website", "account_id", "assistant_name", "assistant_phone",
        "billing_information", "created_by", "groups", "last_updated_by",
    ]

    func contact(_ id: String) throws -> SandboxContact {
        guard let contact = contacts[id] else { throw SandboxHTTPError.notFound("contact \(id) not found") }
        return contact
    }

    func getContact(_ id: String) throws -> SandboxReply {
        SandboxReply(status: 200, json: contactJSON(try contact(id)))
    }

    func createContact(_ request: SandboxRequest) throws -> SandboxReply {
        let duplicateOption = try request.queryValue("duplicate_option")
        if let duplicateOption, !["Email", "EmailAndName", "EmailAndNameAndCompany"].contains(duplicateOption) {
            throw SandboxHTTPError.badRequest("duplicate_option must be Email, EmailAndName or EmailAndNameAndCompany")
        }
        let body = try SandboxBody.parse(request.body)
        try body.rejectUnknown(allowed: SandboxState.contactProperties, strict: configuration.strictUnknownProperties)
        let (fields, customValues) = try contactMembers(body, keys: body.object.members.map(\.key))
        let hasChannel = ["email_addresses", "phone_numbers", "addresses"].contains { key in
            if case .array(let entries)? = fields[key] { return !entries.isEmpty }
            return false
        }
        guard hasChannel else {
            throw SandboxHTTPError.badRequest("a contact needs at least one of email_addresses, phone_numbers or addresses")
        }
        let now = SandboxTimestamp.now()
        var draft = SandboxContact(id: "", fields: fields, customFields: customValues ?? [], createTime: now, updateTime: now)
        if let duplicateOption, let existing = duplicate(of: draft, option: duplicateOption) {
            // Upsert: the sent members replace Keap's (arrays included); 200 says "existing contact updated".
            var updated = existing
            for member in fields.members { updated.fields = replacing(updated.fields, key: member.key, with: member.value) }
            if let customValues { updated.customFields = customValues }
            updated.updateTime = now
            contacts[updated.id] = updated
            return SandboxReply(status: 200, json: contactJSON(updated))
        }
        draft = SandboxContact(id: nextID("contact"), fields: fields, customFields: customValues ?? [], createTime: now, updateTime: now)
        contacts[draft.id] = draft
        return SandboxReply(status: 201, json: contactJSON(draft))
    }

    func updateContact(_ id: String, _ request: SandboxRequest) throws -> SandboxReply {
        var existing = try contact(id)
        let mask = try updateMask(request, allowed: SandboxState.contactMask)
        let body = try SandboxBody.parse(request.body)
        try body.rejectUnknown(allowed: SandboxState.contactProperties, strict: configuration.strictUnknownProperties)
        let keys = mask ?? body.object.members.map(\.key)
        let (fields, customValues) = try contactMembers(body, keys: keys)
        for key in keys where SandboxState.contactProperties.contains(key) && key != "custom_fields" {
            // A masked member absent from the body is cleared (field-mask semantics); arrays replace.
            existing.fields = replacing(existing.fields, key: key, with: fields[key])
        }
        if keys.contains("custom_fields") { existing.customFields = customValues ?? [] }
        existing.updateTime = SandboxTimestamp.now()
        contacts[id] = existing
        return SandboxReply(status: 200, json: contactJSON(existing))
    }

    func listContacts(_ request: SandboxRequest) throws -> SandboxReply {
        let clauses = try SandboxFilterClause.parseAll(request.queryValue("filter"))
        _ = request.queryValues("fields")  // every field is always returned
        let orderBy = try SandboxOrderBy(request.queryValue("order_by"), allowed: ["id", "create_time", "email", "update_time"], defaultField: "id")
        // Check every clause once up front, so a bad filter is refused even when there is nothing to match.
        let placeholder = SandboxContact(id: "0", fields: JSONObject(), customFields: [], createTime: "", updateTime: "")
        for clause in clauses { _ = try contactMatches(placeholder, clause) }
        var matches: [SandboxContact] = []
        for contact in byID(contacts, id: \.id) where try clauses.allSatisfy({ try contactMatches(contact, $0) }) {
            matches.append(contact)
        }
        switch orderBy.field {
        case "create_time": matches.sort { $0.createTime < $1.createTime }
        case "update_time": matches.sort { $0.updateTime < $1.updateTime }
        case "email": matches.sort { ($0.emails.first ?? "") < ($1.emails.first ?? "") }
        default: break
        }
        if orderBy.descending { matches.reverse() }
        return try listReply(key: "contacts", items: matches.map(contactJSON), request: request)
    }

    private func contactMatches(_ contact: SandboxContact, _ clause: SandboxFilterClause) throws -> Bool {
        switch clause.field {
        case "email":
            try clause.require([.equal])
            return contact.emails.contains { clause.textMatches($0) }
        case "given_name", "family_name", "middle_name":
            try clause.require([.equal])
            return clause.textMatches(contact.stringField(clause.field))
        case "contact_id":
            try clause.require([.equal, .less, .lessOrEqual, .greater, .greaterOrEqual])
            return clause.numberHolds(contact.id)
        case "ids", "contact_ids":
            try clause.require([.equal])
            return clause.value.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == contact.id }
        default:
            guard let field = try customField(filterName: clause.field, recordType: .contacts) else {
                throw SandboxHTTPError.badRequest("unknown filter field \(clause.field)")
            }
            return try customFieldClauseHolds(clause, field: field, values: contact.customFields)
        }
    }

    /// A contact matching `draft` under `duplicate_option` (emails compare case-insensitively).
    private func duplicate(of draft: SandboxContact, option: String) -> SandboxContact? {
        let emails = Set(draft.emails.map { $0.lowercased() })
        guard !emails.isEmpty else { return nil }
        return byID(contacts, id: \.id).first { candidate in
            guard candidate.emails.contains(where: { emails.contains($0.lowercased()) }) else { return false }
            if option == "Email" { return true }
            let sameName = candidate.givenName?.lowercased() == draft.givenName?.lowercased()
                && candidate.familyName?.lowercased() == draft.familyName?.lowercased()
            if option == "EmailAndName" { return sameName }
            return sameName && companyName(candidate) == companyName(draft)
        }
    }

    private func companyName(_ contact: SandboxContact) -> String? {
        guard case .object(let company)? = contact.fields["company"], case .string(let name)? = company["company_name"] else { return nil }
        return name.lowercased()
    }

    /// Validates the members named by `keys` and returns them (custom fields separately; nil when not given).
    private func contactMembers(_ body: SandboxBody, keys: [String]) throws -> (JSONObject, [SandboxCustomFieldValue]?) {
        let strict = configuration.strictUnknownProperties
        var fields = JSONObject()
        var customValues: [SandboxCustomFieldValue]?
        for key in keys where SandboxState.contactProperties.contains(key) {
            guard let value = body.value(key) else { continue }
            switch key {
            case "custom_fields":
                customValues = try customFieldValues(body.objects(key) ?? [], recordType: .contacts)
                continue
            case "email_addresses":
                for entry in try body.objects(key) ?? [] {
                    try entry.rejectUnknown(allowed: ["email", "field", "opt_in_reason"], strict: strict)
                    guard let email = try entry.nonBlankString("email", required: true), email.contains("@") else {
                        throw SandboxHTTPError.badRequest("\(entry.location).email is not an email address")
                    }
                    guard email.count <= 75 else { throw SandboxHTTPError.badRequest("\(entry.location).email is longer than 75 characters") }
                    try enumValue(entry, "field", ["EMAIL_FIELD_UNSPECIFIED", "EMAIL1", "EMAIL2", "EMAIL3"])
                    _ = try entry.string("opt_in_reason")
                }
            case "phone_numbers":
                for entry in try body.objects(key) ?? [] {
                    try entry.rejectUnknown(allowed: ["extension", "number", "type", "field", "number_e164"], strict: strict)
                    guard let number = try entry.nonBlankString("number", required: true), number.count <= 40 else {
                        throw SandboxHTTPError.badRequest("\(entry.location).number must be 1 to 40 characters")
                    }
                    try enumValue(entry, "field", ["PHONE_NUMBER_FIELD_UNSPECIFIED", "PHONE1", "PHONE2", "PHONE3", "PHONE4", "PHONE5"])
                    for text in ["extension", "type", "number_e164"] { _ = try entry.string(text) }
                }
            case "addresses":
                for entry in try body.objects(key) ?? [] {
                    try entry.rejectUnknown(allowed: ["country", "line1", "line2", "locality", "region", "field", "country_code",
                                                      "postal_code", "region_code", "zip_code", "zip_four"], strict: strict)
                    try enumValue(entry, "field", ["ADDRESS_FIELD_UNSPECIFIED", "BILLING", "SHIPPING", "OTHER"])
                    for text in ["country", "line1", "line2", "locality", "region", "postal_code", "zip_code", "zip_four"] {
                        _ = try entry.string(text)
                    }
                    let countryCode = try entry.string("country_code")
                    if let countryCode, countryCode.count != 3 || !countryCode.allSatisfy({ $0.isASCII && $0.isUppercase }) {
                        throw SandboxHTTPError.badRequest("\(entry.location).country_code must be ISO 3166-1 alpha-3 like USA, not \(countryCode)")
                    }
                    if try entry.string("region_code") != nil, countryCode == nil {
                        throw SandboxHTTPError.badRequest("\(entry.location).region_code needs country_code")
                    }
                }
            case "company":
                if let company = try body.object(key) {
                    try company.rejectUnknown(allowed: ["id", "company_name"], strict: strict)
                    _ = try company.string("id")
                    _ = try company.string("company_name")
                }
            case "given_name", "family_name", "middle_name":
                if let text = try body.string(key), text.count > 40 {
                    throw SandboxHTTPError.badRequest("\(key) is longer than 40 characters")
                }
            default:
                break
            }
            fields.members.append(JSONMember(key, value))
        }
        return (fields, customValues)
    }

    private func enumValue(_ body: SandboxBody, _ key: String, _ allowed: [String]) throws {
        guard let value = try body.string(key) else { return }
        guard allowed.contains(value) else {
            throw SandboxHTTPError.badRequest("\(body.location).\(key) must be one of \(allowed.joined(separator: ", ")), not \(value)")
        }
    }

    /// `object` with `key` set to `value` (in place when present), or removed when `value` is nil.
    func replacing(_ object: JSONObject, key: String, with value: JSONValue?) -> JSONObject {
        var object = object
        if let index = object.members.firstIndex(where: { $0.key == key }) {
            if let value { object.members[index].value = value } else { object.members.remove(at: index) }
        } else if let value {
            object.members.append(JSONMember(key, value))
        }
        return object
    }

    /// `Contact`.
    func contactJSON(_ contact: SandboxContact) -> JSONValue {
        var object = SandboxObjectBuilder()
        object.set("id", string: contact.id)
        for member in contact.fields.members {
            // Keap answers each email with its read-only marketing status (`EmailAddress`), which a request may not
            // carry (`EmailAddressRequest`): a client that echoes entries back unfiltered is refused, as it would be.
            if member.key == "email_addresses", case .array(let entries) = member.value {
                object.set(member.key, .array(entries.map { entry in
                    guard case .object(var email) = entry else { return entry }
                    email.members.append(JSONMember("email_opt_status", .string("UNENGAGED_MARKETABLE")))
                    return .object(email)
                }))
            } else {
                object.set(member.key, member.value)
            }
        }
        object.set("custom_fields", customFieldValuesJSON(contact.customFields))
        object.set("create_time", string: contact.createTime)
        object.set("update_time", string: contact.updateTime)
        return object.value
    }
}
