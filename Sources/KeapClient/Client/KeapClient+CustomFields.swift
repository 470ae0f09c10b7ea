import LedgerCore

extension KeapClient {
    /// `GET /v2/{record}/model` → its `custom_fields`.
    package func customFieldModel(_ record: KeapRecordType) async throws(KeapCallError) -> [KeapCustomFieldDefinition] {
        let call = APICall(method: "GET", path: "/v2/\(record.rawValue)/model")
        return try await object(call, context: "\(record.rawValue) model") { root throws(KeapDecodeError) in
            var fields: [KeapCustomFieldDefinition] = []
            for element in try JSONObject.array(root["custom_fields"], key: "custom_fields", in: "model") {
                guard case .object(let field) = element else {
                    throw KeapDecodeError("model.custom_fields[] is \(element.kindDescription), expected an object")
                }
                fields.append(try KeapCustomFieldDefinition(json: field))
            }
            return fields
        }
    }

    /// `POST /v2/{record}/model/customFields` with `{label, field_type}` → 201 `CustomFieldMetaData`.
    package func createCustomField(_ record: KeapRecordType, label: String, fieldType: String) async throws(KeapCallError) -> KeapCustomFieldDefinition {
        let call = APICall(
            method: "POST",
            path: "/v2/\(record.rawValue)/model/customFields",
            body: .object(["label": .string(label), "field_type": .string(fieldType)])
        )
        return try await object(call, context: "custom field") { root throws(KeapDecodeError) in
            try KeapCustomFieldDefinition(json: root)
        }
    }
}
