/// Shorthands for building output values.
extension JSONValue {
    package static func integer(_ value: Int64) -> JSONValue { .number(JSONNumber(text: String(value))) }
    package static func integer(_ value: Int) -> JSONValue { .number(JSONNumber(text: String(value))) }

    /// A string, or null when absent.
    package static func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    /// An object with members in the given order; `nil` values become JSON null.
    package static func object(_ members: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(JSONObject(members: members.map { JSONMember($0.key, $0.value) }))
    }
}
