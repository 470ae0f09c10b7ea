import LedgerCore

/// Terse reads of response JSON in assertions.
extension JSONValue {
    subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    subscript(index: Int) -> JSONValue? {
        if case .array(let elements) = self, elements.indices.contains(index) { return elements[index] }
        return nil
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// A number's text as written.
    var numberText: String? {
        if case .number(let number) = self { return number.text }
        return nil
    }

    var array: [JSONValue] {
        if case .array(let elements) = self { return elements }
        return []
    }
}
