/// Reads the members of one object of a stored Keap view, strictly: every member the writer writes must be there
/// with the type it writes (a nullable one as null or that type), and anything else is a `KeapViewDecodingError`
/// naming the member and what was found. Nothing is defaulted: a view that does not read is not a view.
struct KeapViewReader {
    private let object: JSONObject
    /// This object's path from the view's root, empty at the root.
    private let path: String

    init(_ value: JSONValue, path: String) throws(KeapViewDecodingError) {
        guard case .object(let object) = value else {
            throw KeapViewDecodingError(member: path.isEmpty ? "(view)" : path, expected: "an object", found: Self.describe(value))
        }
        self.object = object
        self.path = path
    }

    func string(_ key: String) throws(KeapViewDecodingError) -> String {
        let value = try member(key)
        guard case .string(let text) = value else { throw mismatch(key, "a string", value) }
        return text
    }

    /// A string or null.
    func text(_ key: String) throws(KeapViewDecodingError) -> String? {
        let value = try member(key)
        switch value {
        case .string(let text): return text
        case .null: return nil
        default: throw mismatch(key, "a string or null", value)
        }
    }

    func integer(_ key: String) throws(KeapViewDecodingError) -> Int64 {
        let value = try member(key)
        // Integers only as the writer writes them (`String(Int64)`), so the bytes read back are the bytes written.
        guard case .number(let number) = value, let integer = Int64(number.text), String(integer) == number.text else {
            throw mismatch(key, "an integer", value)
        }
        return integer
    }

    /// An integer or null.
    func optionalInteger(_ key: String) throws(KeapViewDecodingError) -> Int64? {
        if case .null = try member(key) { return nil }
        return try integer(key)
    }

    func bool(_ key: String) throws(KeapViewDecodingError) -> Bool {
        let value = try member(key)
        guard case .bool(let flag) = value else { throw mismatch(key, "true or false", value) }
        return flag
    }

    /// Decimal text in `currency`'s scale exactly as `Currency.format` writes it (`"12.50"`, not `"12.5"`), as minor units.
    func money(_ key: String, _ currency: Currency) throws(KeapViewDecodingError) -> Int64 {
        let value = try member(key)
        guard case .string(let text) = value, let amount = DecimalAmount(text: text), let minor = currency.minorUnits(of: amount),
              currency.format(minor) == text else {
            throw mismatch(key, "an amount in \(currency.code) as decimal text with \(currency.minorUnits) decimals", value)
        }
        return minor
    }

    /// A timestamp as fixed-width UTC text (`Timestamp.utcText`), or null.
    func time(_ key: String) throws(KeapViewDecodingError) -> Timestamp? {
        let value = try member(key)
        switch value {
        case .null: return nil
        case .string(let text):
            guard let time = try? Timestamp(rfc3339: text), time.utcText == text else {
                throw mismatch(key, "a UTC time with nine decimals", value)
            }
            return time
        default: throw mismatch(key, "a UTC time or null", value)
        }
    }

    func requiredTime(_ key: String) throws(KeapViewDecodingError) -> Timestamp {
        guard let time = try time(key) else { throw mismatch(key, "a UTC time", .null) }
        return time
    }

    /// A currency code the ledger knows.
    func currency(_ key: String) throws(KeapViewDecodingError) -> Currency {
        guard let currency = try optionalCurrency(key) else { throw mismatch(key, "a currency code", .null) }
        return currency
    }

    func optionalCurrency(_ key: String) throws(KeapViewDecodingError) -> Currency? {
        guard let code = try text(key) else { return nil }
        guard let currency = Currency(code: code) else { throw mismatch(key, "an ISO 4217 currency code", .string(code)) }
        return currency
    }

    /// One of `Value`'s raw values, or null.
    func enumerated<Value: RawRepresentable & CaseIterable>(_ key: String, _ type: Value.Type) throws(KeapViewDecodingError) -> Value?
    where Value.RawValue == String {
        guard let raw = try text(key) else { return nil }
        return try value(of: raw, at: key)
    }

    /// One of `Value`'s raw values (required).
    func kind<Value: RawRepresentable & CaseIterable>(_ key: String, _ type: Value.Type) throws(KeapViewDecodingError) -> Value
    where Value.RawValue == String {
        try value(of: try string(key), at: key)
    }

    private func value<Value: RawRepresentable & CaseIterable>(of raw: String, at key: String) throws(KeapViewDecodingError) -> Value
    where Value.RawValue == String {
        guard let value = Value(rawValue: raw) else {
            throw mismatch(key, "one of \(Value.allCases.map(\.rawValue).joined(separator: ", "))", .string(raw))
        }
        return value
    }

    /// The member must be exactly `expected` (members the view repeats, such as `order_title`).
    func constant(_ key: String, _ expected: String) throws(KeapViewDecodingError) {
        let value = try member(key)
        guard case .string(expected) = value else { throw mismatch(key, "\"\(expected)\"", value) }
    }

    func object(_ key: String) throws(KeapViewDecodingError) -> KeapViewReader {
        try KeapViewReader(try member(key), path: child(key))
    }

    /// An array of objects, each read by `element`.
    func objects<Element>(_ key: String, _ element: (KeapViewReader) throws(KeapViewDecodingError) -> Element) throws(KeapViewDecodingError) -> [Element] {
        let value = try member(key)
        guard case .array(let values) = value else { throw mismatch(key, "an array", value) }
        var elements: [Element] = []
        elements.reserveCapacity(values.count)
        for (index, value) in values.enumerated() {
            elements.append(try element(try KeapViewReader(value, path: "\(child(key))[\(index)]")))
        }
        return elements
    }

    func strings(_ key: String) throws(KeapViewDecodingError) -> [String] {
        let value = try member(key)
        guard case .array(let values) = value else { throw mismatch(key, "an array of strings", value) }
        var strings: [String] = []
        for (index, value) in values.enumerated() {
            guard case .string(let text) = value else {
                throw KeapViewDecodingError(member: "\(child(key))[\(index)]", expected: "a string", found: Self.describe(value))
            }
            strings.append(text)
        }
        return strings
    }

    /// Whether the object has the member at all (charge items have no `sku`).
    func has(_ key: String) -> Bool {
        object[key] != nil
    }

    func mismatch(_ key: String, _ expected: String, _ value: JSONValue) -> KeapViewDecodingError {
        KeapViewDecodingError(member: child(key), expected: expected, found: Self.describe(value))
    }

    private func member(_ key: String) throws(KeapViewDecodingError) -> JSONValue {
        guard let value = object[key] else {
            throw KeapViewDecodingError(member: child(key), expected: "the member", found: "nothing (it is missing)")
        }
        return value
    }

    private func child(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// The value's type and, for scalars, its text: enough to see what an older writer put there.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): "the string \"\(text.count > 40 ? String(text.prefix(40)) + "…" : text)\""
        case .number(let number): "the number \(number.text)"
        case .bool(let flag): String(flag)
        default: value.kindDescription
        }
    }
}
