import LedgerCore

/// Request bodies omit absent optionals rather than sending null: in a Keap PATCH or upsert a null could clear the
/// field.
extension [JSONMember] {
    mutating func appendIfPresent(_ key: String, _ text: String?) {
        if let text { append(JSONMember(key, .string(text))) }
    }

    mutating func appendIfPresent(_ key: String, _ flag: Bool?) {
        if let flag { append(JSONMember(key, .bool(flag))) }
    }

    mutating func appendIfPresent(_ key: String, _ number: Int64?) {
        if let number { append(JSONMember(key, .integer(number))) }
    }

    mutating func appendIfPresent(_ key: String, _ number: Int?) {
        if let number { append(JSONMember(key, .integer(number))) }
    }

    /// A decimal as a JSON number literal with its scale (`12.50`).
    mutating func appendIfPresent(_ key: String, _ decimal: KeapDecimal?) {
        if let decimal { append(JSONMember(key, .number(JSONNumber(text: decimal.text)))) }
    }

    /// Arrays replace Keap's whole list, so an empty one is sent only when the update mask names it (to clear it on
    /// purpose) and left out otherwise.
    mutating func appendArray(_ key: String, _ elements: [JSONValue], mask: Set<String>?) {
        if !elements.isEmpty || mask?.contains(key) == true {
            append(JSONMember(key, .array(elements)))
        }
    }
}
