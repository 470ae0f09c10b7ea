import LedgerCore

/// `GET /v2/{type}/model` and `POST /v2/{type}/model/customFields`.
extension SandboxState {
    static let customFieldTypes: Set<String> = [
        "CURRENCY", "DATE", "DATE_TIME", "DAY_OF_WEEK", "DECIMAL_NUMBER", "DRILLDOWN", "DROPDOWN", "EMAIL", "LIST_BOX",
        "MONTH", "NAME", "PERCENT", "PHONE_NUMBER", "RADIO", "SOCIAL_SECURITY_NUMBER", "STATE", "TEXT", "TEXT_AREA",
        "USER", "USER_LIST_BOX", "WEBSITE", "WHOLE_NUMBER", "YEAR", "YES_NO",
    ]

    func customFieldModel(_ recordType: SandboxRecordType) -> SandboxReply {
        let fields = customFields.filter { $0.recordType == recordType }.map(customFieldJSON)
        return SandboxReply(status: 200, json: .object([
            "custom_fields": .array(fields),
            "optional_properties": .array([]),
        ]))
    }

    /// Creates a field. Duplicate labels are allowed, as in Keap, so setup must look before it creates; each field
    /// gets a unique `field_name` built from the label (`_ExternalOrderRef0`, then `_ExternalOrderRef1`).
    func createCustomField(_ recordType: SandboxRecordType, _ request: SandboxRequest) throws -> SandboxReply {
        let body = try SandboxBody.parse(request.body)
        try body.rejectUnknown(allowed: ["label", "options", "field_type", "group_id", "user_group_id"], strict: configuration.strictUnknownProperties)
        guard let label = try body.nonBlankString("label", required: true) else { throw SandboxHTTPError.badRequest("label is required") }
        guard let fieldType = try body.string("field_type", required: true), SandboxState.customFieldTypes.contains(fieldType) else {
            throw SandboxHTTPError.badRequest("field_type must be one of \(SandboxState.customFieldTypes.sorted().joined(separator: ", "))")
        }
        var options: [String] = []
        for option in try body.objects("options") ?? [] {
            try option.rejectUnknown(allowed: ["label"], strict: configuration.strictUnknownProperties)
            if let label = try option.nonBlankString("label", required: true) { options.append(label) }
        }
        let groupID = try body.string("group_id")
        _ = try body.string("user_group_id")
        let base = label.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil) }
            .map(String.init).joined()
        let stem = "_" + (base.isEmpty ? "Field" : base)
        var index = 0
        while customFields.contains(where: { $0.recordType == recordType && $0.fieldName.lowercased() == (stem + String(index)).lowercased() }) {
            index += 1
        }
        let field = SandboxCustomField(
            id: nextID("custom_field"), recordType: recordType, label: label, fieldType: fieldType,
            fieldName: stem + String(index), options: options, groupID: groupID
        )
        customFields.append(field)
        return SandboxReply(status: 201, json: customFieldJSON(field))
    }

    /// `CustomFieldMetaData`.
    func customFieldJSON(_ field: SandboxCustomField) -> JSONValue {
        var object = SandboxObjectBuilder()
        object.set("id", string: field.id)
        object.set("label", string: field.label)
        object.set("options", .array(field.options.enumerated().map { index, label in
            .object(["id": .string(String(index + 1)), "label": .string(label)])
        }))
        object.set("record_type", string: field.recordType.keapName)
        object.set("field_type", string: field.fieldType)
        object.set("group_id", string: field.groupID)
        object.set("field_name", string: field.fieldName)
        return object.value
    }

    /// `[CustomFieldValue {id, content}]` as Keap returns them.
    /// A record as a list entry: without its custom fields when the tenant's lists leave them out.
    func listEntry(_ record: JSONValue) -> JSONValue {
        guard configuration.listsOmitCustomFields, case .object(var object) = record else { return record }
        object.members.removeAll { $0.key == "custom_fields" }
        return .object(object)
    }

    func customFieldValuesJSON(_ values: [SandboxCustomFieldValue]) -> JSONValue {
        .array(values.map { .object(["id": .string($0.id), "content": $0.content]) })
    }
}
