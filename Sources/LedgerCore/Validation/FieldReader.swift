/// Reads the fields of one JSON object under the feed's rules, naming each failure by its full path.
package struct FieldReader {
    /// The object being read.
    package let object: JSONObject
    /// Path of the object itself: empty for the envelope, `data`, `data.lines[0]`, …
    package let path: String

    package init(object: JSONObject, path: String) {
        self.object = object
        self.path = path
    }

    /// The full path of `key` inside this object.
    package func fieldPath(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// A violation at `key`.
    package func violation(_ key: String, _ reason: String) -> FeedViolation {
        FeedViolation(field: fieldPath(key), reason: reason)
    }

    /// The value, or nil when absent or `null` (feed.md: an optional `null` means absent).
    package func optional(_ key: String) -> JSONValue? {
        guard let value = object[key], value != .null else { return nil }
        return value
    }

    /// The value of a required field; absent or `null` is a violation.
    package func required(_ key: String) throws(FeedViolation) -> JSONValue {
        guard let value = object[key] else { throw violation(key, "is required but missing") }
        guard value != .null else { throw violation(key, "is required but is null") }
        return value
    }

    // MARK: - Text

    package func string(_ key: String) throws(FeedViolation) -> String {
        try string(key, try required(key))
    }

    package func optionalString(_ key: String) throws(FeedViolation) -> String? {
        guard let value = optional(key) else { return nil }
        return try string(key, value)
    }

    private func string(_ key: String, _ value: JSONValue) throws(FeedViolation) -> String {
        guard case .string(let text) = value else {
            throw violation(key, "must be a string; found \(FieldReader.render(value))")
        }
        return text
    }

    /// An identifier or reference: 1…`maximumLength` code points, not all whitespace, no control characters.
    package func reference(_ key: String, maximumLength: Int = 128) throws(FeedViolation) -> String {
        try checkReference(key, try string(key), maximumLength: maximumLength)
    }

    package func optionalReference(_ key: String, maximumLength: Int = 128) throws(FeedViolation) -> String? {
        guard let text = try optionalString(key) else { return nil }
        return try checkReference(key, text, maximumLength: maximumLength)
    }

    private func checkReference(_ key: String, _ text: String, maximumLength: Int) throws(FeedViolation) -> String {
        var count = 0
        var allWhitespace = true
        for scalar in text.unicodeScalars {
            count += 1
            if TextRules.isControl(scalar) {
                throw violation(key, "contains control character U+\(TextRules.hexCode(scalar)); found \(FieldReader.render(.string(text)))")
            }
            if allWhitespace, !TextRules.isWhitespace(scalar) { allWhitespace = false }
        }
        if count == 0 { throw violation(key, "must not be empty") }
        if allWhitespace { throw violation(key, "must not be only whitespace; found \(FieldReader.render(.string(text)))") }
        if count > maximumLength {
            throw violation(key, "is \(count) characters long, the limit is \(maximumLength)")
        }
        return text
    }

    /// Required free text (a name, a city): not empty and not only whitespace.
    package func text(_ key: String) throws(FeedViolation) -> String {
        let text = try string(key)
        if text.unicodeScalars.allSatisfy(TextRules.isWhitespace) {
            throw violation(key, text.isEmpty ? "must not be empty" : "must not be only whitespace; found \(FieldReader.render(.string(text)))")
        }
        return text
    }

    /// One `@` with text on both sides, and no whitespace anywhere.
    package func email(_ key: String) throws(FeedViolation) -> String {
        let text = try self.text(key)
        let parts = text.unicodeScalars.split(separator: "@", omittingEmptySubsequences: false)
        let hasWhitespace = text.unicodeScalars.contains(where: TextRules.isWhitespace)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !hasWhitespace else {
            throw violation(key, "is not an email address (one '@' with text on both sides, no spaces); found \(FieldReader.render(.string(text)))")
        }
        return text
    }

    /// One of `allowed`, exactly.
    package func choice(_ key: String, _ allowed: [String]) throws(FeedViolation) -> String {
        try checkChoice(key, try string(key), allowed)
    }

    package func optionalChoice(_ key: String, _ allowed: [String]) throws(FeedViolation) -> String? {
        guard let text = try optionalString(key) else { return nil }
        return try checkChoice(key, text, allowed)
    }

    /// One of the raw values of `Choice`, exactly, as that case.
    package func choice<Choice: RawRepresentable & CaseIterable>(
        _ key: String, _ choices: Choice.Type
    ) throws(FeedViolation) -> Choice where Choice.RawValue == String {
        let text = try checkChoice(key, try string(key), choices.allCases.map(\.rawValue))
        return Choice(rawValue: text)!  // checkChoice accepted exactly one of the raw values
    }

    package func optionalChoice<Choice: RawRepresentable & CaseIterable>(
        _ key: String, _ choices: Choice.Type
    ) throws(FeedViolation) -> Choice? where Choice.RawValue == String {
        guard let text = try optionalString(key) else { return nil }
        return Choice(rawValue: try checkChoice(key, text, choices.allCases.map(\.rawValue)))!
    }

    private func checkChoice(_ key: String, _ text: String, _ allowed: [String]) throws(FeedViolation) -> String {
        guard allowed.contains(where: { $0.utf8.elementsEqual(text.utf8) }) else {
            throw violation(key, "must be one of \(allowed.joined(separator: ", ")); found \(FieldReader.render(.string(text)))")
        }
        return text
    }

    // MARK: - Numbers and flags

    /// An integer literal (no fraction, no exponent) within `range`.
    package func integer(_ key: String, in range: ClosedRange<Int>) throws(FeedViolation) -> Int {
        try checkInteger(key, try required(key), in: range)
    }

    package func optionalInteger(_ key: String, in range: ClosedRange<Int>) throws(FeedViolation) -> Int? {
        guard let value = optional(key) else { return nil }
        return try checkInteger(key, value, in: range)
    }

    private func checkInteger(_ key: String, _ value: JSONValue, in range: ClosedRange<Int>) throws(FeedViolation) -> Int {
        guard case .number(let number) = value, number.isIntegerLiteral else {
            throw violation(key, "must be an integer (no fraction or exponent); found \(FieldReader.render(value))")
        }
        guard let integer = number.intValue, range.contains(integer) else {
            throw violation(key, "must be between \(range.lowerBound) and \(range.upperBound); found \(number.text)")
        }
        return integer
    }

    package func optionalBool(_ key: String) throws(FeedViolation) -> Bool? {
        guard let value = optional(key) else { return nil }
        guard case .bool(let flag) = value else {
            throw violation(key, "must be true or false; found \(FieldReader.render(value))")
        }
        return flag
    }

    // MARK: - Money, currency, time

    package func currency(_ key: String) throws(FeedViolation) -> Currency {
        let code = try string(key)
        guard let currency = Currency(code: code) else {
            throw violation(key, "is not an active ISO 4217 currency code with a minor unit (upper case, e.g. USD); found \(FieldReader.render(.string(code)))")
        }
        return currency
    }

    /// A non-negative decimal amount, as a string or a number, written with at most the currency's decimals.
    package func money(_ key: String, currency: Currency?) throws(FeedViolation) -> DecimalAmount {
        try checkMoney(key, try required(key), currency: currency)
    }

    package func optionalMoney(_ key: String, currency: Currency?) throws(FeedViolation) -> DecimalAmount? {
        guard let value = optional(key) else { return nil }
        return try checkMoney(key, value, currency: currency)
    }

    private func checkMoney(_ key: String, _ value: JSONValue, currency: Currency?) throws(FeedViolation) -> DecimalAmount {
        let text: String
        switch value {
        case .string(let string): text = string
        case .number(let number): text = number.text
        default:
            throw violation(key, "must be an amount as a decimal string such as \"19.99\"; found \(FieldReader.render(value))")
        }
        guard let amount = DecimalAmount(text: text) else {
            throw violation(key, "is not a valid amount (digits with an optional decimal point: no sign, exponent, leading zeros, spaces or separators, at most 15 digits before the point); found \(FieldReader.render(value))")
        }
        if let currency, amount.writtenDecimalPlaces > currency.minorUnits {
            throw violation(key, "has \(amount.writtenDecimalPlaces) decimal places but \(currency.code) allows \(currency.minorUnits); found \(FieldReader.render(value))")
        }
        return amount
    }

    package func timestamp(_ key: String) throws(FeedViolation) -> Timestamp {
        try checkTimestamp(key, try required(key))
    }

    package func optionalTimestamp(_ key: String) throws(FeedViolation) -> Timestamp? {
        guard let value = optional(key) else { return nil }
        return try checkTimestamp(key, value)
    }

    private func checkTimestamp(_ key: String, _ value: JSONValue) throws(FeedViolation) -> Timestamp {
        guard case .string(let text) = value else {
            throw violation(key, "must be an RFC 3339 timestamp string; found \(FieldReader.render(value))")
        }
        do {
            return try Timestamp(rfc3339: text)
        } catch {
            let why = switch error {
            case .syntax: "is not an RFC 3339 date-time (YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm), seconds required, up to 9 fraction digits)"
            case .invalidDate: "is not a real calendar date (years 0001-9999)"
            case .leapSecond: "is a leap second (:60), which the ledger does not accept"
            case .outOfRange: "lies after 9999-12-31T23:59:59Z in UTC"
            }
            throw violation(key, "\(why); found \(FieldReader.render(value))")
        }
    }

    // MARK: - Structure

    package func object(_ key: String) throws(FeedViolation) -> FieldReader {
        try checkObject(key, try required(key), path: fieldPath(key))
    }

    package func optionalObject(_ key: String) throws(FeedViolation) -> FieldReader? {
        guard let value = optional(key) else { return nil }
        return try checkObject(key, value, path: fieldPath(key))
    }

    private func checkObject(_ key: String, _ value: JSONValue, path: String) throws(FeedViolation) -> FieldReader {
        guard case .object(let object) = value else {
            throw violation(key, "must be an object; found \(FieldReader.render(value))")
        }
        return FieldReader(object: object, path: path)
    }

    /// The elements of an array, each with its path (`key[i]`).
    package func array(_ key: String) throws(FeedViolation) -> [(path: String, value: JSONValue)] {
        try checkArray(key, try required(key))
    }

    package func optionalArray(_ key: String) throws(FeedViolation) -> [(path: String, value: JSONValue)]? {
        guard let value = optional(key) else { return nil }
        return try checkArray(key, value)
    }

    private func checkArray(_ key: String, _ value: JSONValue) throws(FeedViolation) -> [(path: String, value: JSONValue)] {
        guard case .array(let elements) = value else {
            throw violation(key, "must be an array; found \(FieldReader.render(value))")
        }
        let base = fieldPath(key)
        return elements.enumerated().map { (base + "[\($0.offset)]", $0.element) }
    }

    /// An array element that must be an object.
    package static func element(_ element: (path: String, value: JSONValue)) throws(FeedViolation) -> FieldReader {
        guard case .object(let object) = element.value else {
            throw FeedViolation(field: element.path, reason: "must be an object; found \(render(element.value))")
        }
        return FieldReader(object: object, path: element.path)
    }

    // MARK: - Rendering found values

    /// A short rendering of a found value: strings quoted and cut at 80 characters, containers by kind.
    package static func render(_ value: JSONValue) -> String {
        switch value {
        case .string(let text):
            var escaped = ""
            for scalar in text.unicodeScalars.prefix(80) {
                if TextRules.isControl(scalar) || scalar == "\"" || scalar == "\\" {
                    escaped += scalar.escaped(asASCII: true)
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
            return "\"" + escaped + (text.unicodeScalars.count > 80 ? "…" : "") + "\""
        case .number(let number): return number.text.count > 40 ? String(number.text.prefix(40)) + "…" : number.text
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .array, .object: return value.kindDescription
        }
    }
}
