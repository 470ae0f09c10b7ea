import LedgerCore

/// One custom field value on a contact, order or subscription (`CustomFieldValue {id, content}`), addressed by the
/// field's `id` (not its `field_name`).
package struct KeapCustomFieldValue: Sendable, Equatable {
    package let id: String
    /// A JSON string's text, or a number's text as written; JSON null → nil.
    package let content: String?

    package init(id: String, content: String?) {
        self.id = id
        self.content = content
    }

    /// Sent as `{"id": …, "content": "…"}`; nil content is sent as null (clears the field).
    var json: JSONValue {
        .object(["id": .string(id), "content": .text(content)])
    }

    init(json value: JSONValue) throws(KeapDecodeError) {
        guard case .object(let object) = value else {
            throw KeapDecodeError("a custom_fields entry is \(value.kindDescription), expected an object")
        }
        id = try object.requiredID("id", in: "custom_fields[]")
        switch object["content"] {
        case nil, .null?: content = nil
        case .string(let text)?: content = text
        case .number(let number)?: content = number.text
        case .bool(let flag)?: content = flag ? "true" : "false"
        case let other?: content = JSONWriter.string(other)  // arrays/objects (e.g. list boxes) as their JSON text
        }
    }

    static func list(_ value: JSONValue?, in context: String) throws(KeapDecodeError) -> [KeapCustomFieldValue] {
        var values: [KeapCustomFieldValue] = []
        for element in try JSONObject.array(value, key: "custom_fields", in: context) {
            values.append(try KeapCustomFieldValue(json: element))
        }
        return values
    }
}
