import LedgerCore

/// Typed, strict reads of one JSON object of a request body. Numbers stay text (`JSONParser`), so money is converted
/// to minor units exactly and a Double leak such as `12.499999999` is refused instead of rounded.
struct SandboxBody: Sendable {
    let object: JSONObject
    /// Where this object sits in the body, for messages: `order_items[1]`.
    let location: String

    init(object: JSONObject, location: String = "") {
        self.object = object
        self.location = location
    }

    /// Parses a whole request body, which must be one JSON object.
    static func parse(_ bytes: [UInt8]) throws -> SandboxBody {
        guard !bytes.isEmpty else { throw SandboxHTTPError.badRequest("a JSON object body is required") }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw SandboxHTTPError.badRequest("malformed JSON body: \(error)")
        }
        guard case .object(let object) = value else {
            throw SandboxHTTPError.badRequest("the body must be a JSON object, not \(value.kindDescription)")
        }
        return SandboxBody(object: object)
    }

    private func name(_ key: String) -> String { location.isEmpty ? key : "\(location).\(key)" }

    /// 400 for members outside `allowed` when strict (the real API probably ignores them; see the configuration).
    func rejectUnknown(allowed: Set<String>, strict: Bool) throws {
        guard strict else { return }
        for member in object.members where !allowed.contains(member.key) {
            throw SandboxHTTPError.badRequest("unknown property \(name(member.key))")
        }
    }

    /// True when the key is written, even as null.
    func has(_ key: String) -> Bool { object[key] != nil }

    /// The value, with JSON null read as absent.
    func value(_ key: String) -> JSONValue? {
        guard let value = object[key], value != .null else { return nil }
        return value
    }

    func string(_ key: String, required: Bool = false) throws -> String? {
        guard let value = value(key) else {
            if required { throw SandboxHTTPError.badRequest("\(name(key)) is required") }
            return nil
        }
        guard case .string(let text) = value else {
            throw SandboxHTTPError.badRequest("\(name(key)) must be a string, not \(value.kindDescription)")
        }
        if required, text.isEmpty { throw SandboxHTTPError.badRequest("\(name(key)) is required") }
        return text
    }

    /// A string that, when present, must not be empty or whitespace only (Keap: "Must not be whitespace").
    func nonBlankString(_ key: String, required: Bool = false) throws -> String? {
        let text = try string(key, required: required)
        if let text, text.allSatisfy(\.isWhitespace) {
            throw SandboxHTTPError.badRequest("\(name(key)) must not be empty or whitespace")
        }
        return text
    }

    func bool(_ key: String, required: Bool = false) throws -> Bool? {
        guard let value = value(key) else {
            if required { throw SandboxHTTPError.badRequest("\(name(key)) is required") }
            return nil
        }
        guard case .bool(let flag) = value else {
            throw SandboxHTTPError.badRequest("\(name(key)) must be a boolean, not \(value.kindDescription)")
        }
        return flag
    }

    /// An integer literal (`1.0` and `1e0` are not integers: the schema says int32/int64).
    func integer(_ key: String, required: Bool = false) throws -> Int64? {
        guard let value = value(key) else {
            if required { throw SandboxHTTPError.badRequest("\(name(key)) is required") }
            return nil
        }
        guard case .number(let number) = value, number.isIntegerLiteral, let integer = Int64(number.text) else {
            throw SandboxHTTPError.badRequest("\(name(key)) must be an integer, not \(JSONWriter.string(value))")
        }
        return integer
    }

    /// A decimal money number in major units converted to `currency` minor units; more decimal places than the
    /// currency has, an exponent or a quoted number is refused.
    func money(_ key: String, currency: Currency, required: Bool = false) throws -> Int64? {
        guard let value = value(key) else {
            if required { throw SandboxHTTPError.badRequest("\(name(key)) is required") }
            return nil
        }
        guard case .number(let number) = value else {
            throw SandboxHTTPError.badRequest("\(name(key)) must be a number, not \(value.kindDescription)")
        }
        var text = Substring(number.text)
        let negative = text.hasPrefix("-")
        if negative { text = text.dropFirst() }
        guard let amount = DecimalAmount(text: String(text)) else {
            throw SandboxHTTPError.badRequest("\(name(key)) \(number.text) is not a plain decimal amount")
        }
        guard let minor = currency.minorUnits(of: amount) else {
            throw SandboxHTTPError.badRequest(
                "\(name(key)) \(number.text) has more decimal places than \(currency.code) allows (\(currency.minorUnits))")
        }
        return negative ? -minor : minor
    }

    func array(_ key: String) throws -> [JSONValue]? {
        guard let value = value(key) else { return nil }
        guard case .array(let elements) = value else {
            throw SandboxHTTPError.badRequest("\(name(key)) must be an array, not \(value.kindDescription)")
        }
        return elements
    }

    func object(_ key: String) throws -> SandboxBody? {
        guard let value = value(key) else { return nil }
        guard case .object(let object) = value else {
            throw SandboxHTTPError.badRequest("\(name(key)) must be an object, not \(value.kindDescription)")
        }
        return SandboxBody(object: object, location: name(key))
    }

    /// An array of objects, each wrapped with its location for messages.
    func objects(_ key: String) throws -> [SandboxBody]? {
        guard let elements = try array(key) else { return nil }
        return try elements.enumerated().map { index, element in
            guard case .object(let object) = element else {
                throw SandboxHTTPError.badRequest("\(name(key))[\(index)] must be an object, not \(element.kindDescription)")
            }
            return SandboxBody(object: object, location: "\(name(key))[\(index)]")
        }
    }

    /// A date (`format: date`, `YYYY-MM-DD`).
    func date(_ key: String) throws -> String? {
        guard let text = try string(key) else { return nil }
        guard SandboxTimestamp.isValidDate(text) else {
            throw SandboxHTTPError.badRequest("\(name(key)) \(text) is not a date like 2024-05-21")
        }
        return text
    }

    /// A date-time (`format: date-time`, RFC 3339).
    func timestamp(_ key: String, required: Bool = false) throws -> String? {
        guard let text = try string(key, required: required) else { return nil }
        guard SandboxTimestamp.isValid(text) else {
            throw SandboxHTTPError.badRequest("\(name(key)) \(text) is not an ISO-8601 date-time like 2024-05-21T14:30:00Z")
        }
        return text
    }
}
