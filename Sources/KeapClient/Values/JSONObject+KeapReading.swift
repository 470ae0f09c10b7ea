import LedgerCore

/// Typed reads of Keap response objects with errors that say which field was wrong. Absent and null are the same
/// (protobuf-style JSON omits empty values).
extension JSONObject {
    /// An id: Keap v2 ids are JSON strings; a number literal is accepted too (older endpoints, the v1 habit).
    func requiredID(_ key: String, in context: String) throws(KeapDecodeError) -> String {
        switch self[key] {
        case .string(let text)? where !text.isEmpty: return text
        case .number(let number)? where number.isIntegerLiteral: return number.text
        case nil, .null?: throw KeapDecodeError("\(context).\(key) is missing")
        case let other?: throw KeapDecodeError("\(context).\(key) is \(other.kindDescription), expected an id string")
        }
    }

    func optionalID(_ key: String, in context: String) throws(KeapDecodeError) -> String? {
        switch self[key] {
        case nil, .null?: return nil
        default: return try requiredID(key, in: context)
        }
    }

    func optionalString(_ key: String, in context: String) throws(KeapDecodeError) -> String? {
        switch self[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?: throw KeapDecodeError("\(context).\(key) is \(other.kindDescription), expected a string")
        }
    }

    func requiredString(_ key: String, in context: String) throws(KeapDecodeError) -> String {
        guard let text = try optionalString(key, in: context) else {
            throw KeapDecodeError("\(context).\(key) is missing")
        }
        return text
    }

    func optionalBool(_ key: String, in context: String) throws(KeapDecodeError) -> Bool? {
        switch self[key] {
        case nil, .null?: return nil
        case .bool(let flag)?: return flag
        case let other?: throw KeapDecodeError("\(context).\(key) is \(other.kindDescription), expected a boolean")
        }
    }

    /// An int32 count; absent means 0 (protobuf omits zeros).
    func integer(_ key: String, in context: String) throws(KeapDecodeError) -> Int {
        switch self[key] {
        case nil, .null?: return 0
        case .number(let number)?:
            guard let value = number.intValue else {
                throw KeapDecodeError("\(context).\(key) \(number.text) is not an integer")
            }
            return value
        case .string(let text)?:
            guard let value = Int(text) else { throw KeapDecodeError("\(context).\(key) \"\(text)\" is not an integer") }
            return value
        case let other?: throw KeapDecodeError("\(context).\(key) is \(other.kindDescription), expected an integer")
        }
    }

    func optionalObject(_ key: String, in context: String) throws(KeapDecodeError) -> JSONObject? {
        switch self[key] {
        case nil, .null?: return nil
        case .object(let object)?: return object
        case let other?: throw KeapDecodeError("\(context).\(key) is \(other.kindDescription), expected an object")
        }
    }

    func optionalMoney(_ key: String, in context: String, defaultCurrencyCode: String? = nil) throws(KeapDecodeError) -> KeapMoney? {
        switch self[key] {
        case nil, .null?: return nil
        case let value?: return try KeapMoney(json: value, field: "\(context).\(key)", defaultCurrencyCode: defaultCurrencyCode)
        }
    }

    /// The elements of an array member; absent or null is empty.
    static func array(_ value: JSONValue?, key: String, in context: String) throws(KeapDecodeError) -> [JSONValue] {
        switch value {
        case nil, .null?: return []
        case .array(let elements)?: return elements
        case let other?: throw KeapDecodeError("\(context).\(key) is \(other.kindDescription), expected an array")
        }
    }

    /// The body's top-level object.
    static func root(_ body: [UInt8], context: String) throws(KeapDecodeError) -> JSONObject {
        let value: JSONValue
        do {
            value = try JSONParser.parse(body)
        } catch {
            throw KeapDecodeError("the \(context) answer is not JSON: \(error.reason)")
        }
        guard case .object(let object) = value else {
            throw KeapDecodeError("the \(context) answer is \(value.kindDescription), expected an object")
        }
        return object
    }
}
