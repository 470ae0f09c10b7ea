/// A strict RFC 8259 parser for one feed line, with the feed contract's extra rules built in.
///
/// Foundation's parsers cannot serve here: they turn numbers into binary floating point (money must stay exact decimal
/// text, and `1.0` must not pass as an integer), silently keep the last of duplicate keys, and accept lone surrogate
/// escapes. This parser rejects all of those, limits nesting depth, refuses raw control bytes (including DEL) and raw
/// byte-order marks, and validates UTF-8 as it goes.
package struct JSONParser {
    /// The deepest nesting of objects and arrays accepted; the top-level object is level 1.
    package static let defaultMaximumDepth = 64

    private let bytes: UnsafeBufferPointer<UInt8>
    private let maximumDepth: Int
    private var index = 0
    private var depth = 0
    /// Reused for strings with escapes, to avoid one allocation per escaped string.
    private var scratch: [UInt8] = []

    private init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    /// Parses `bytes` as exactly one JSON value surrounded by optional whitespace.
    package static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>,
        maximumDepth: Int = defaultMaximumDepth
    ) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: bytes, maximumDepth: maximumDepth)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index < bytes.count {
            throw JSONParseError("unexpected \(parser.describeByte(at: parser.index)) after the end of the JSON value", at: parser.index)
        }
        return value
    }

    /// Convenience for tests and small inputs.
    package static func parse(_ bytes: [UInt8], maximumDepth: Int = defaultMaximumDepth) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(buffer, maximumDepth: maximumDepth) }
        }
        return try result.get()
    }

    // MARK: - Values

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else {
            throw JSONParseError("the line ends where a JSON value was expected", at: index)
        }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default:
            throw JSONParseError("not JSON: unexpected \(describeByte(at: index)) where a value was expected", at: index)
        }
    }

    private mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        if depth > maximumDepth {
            throw JSONParseError("nested deeper than \(maximumDepth) levels of objects and arrays", at: index)
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        index += 1
        var members: [JSONMember] = []
        members.reserveCapacity(8)
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(JSONObject(members: members))
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw JSONParseError(index < bytes.count
                    ? "expected a quoted member name, found \(describeByte(at: index))"
                    : "the line ends inside an object", at: index)
            }
            let keyOffset = index
            let key = try parseString()
            // Keys compare code point by code point: Swift's String == would also equate canonically equivalent
            // spellings, which the contract says are different keys.
            // `==` first: it is fast for short keys, and equal code points imply equal strings.
            for member in members where member.key == key && member.key.utf8.elementsEqual(key.utf8) {
                throw JSONParseError("duplicate key \"\(key)\" in one object", at: keyOffset)
            }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw JSONParseError(index < bytes.count
                    ? "expected ':' after member name \"\(key)\", found \(describeByte(at: index))"
                    : "the line ends inside an object", at: index)
            }
            index += 1
            skipWhitespace()
            let value = try parseValue()
            members.append(JSONMember(key, value))
            skipWhitespace()
            guard index < bytes.count else { throw JSONParseError("the line ends inside an object", at: index) }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                depth -= 1
                return .object(JSONObject(members: members))
            default:
                throw JSONParseError("expected ',' or '}' after member \"\(key)\", found \(describeByte(at: index))", at: index)
            }
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw JSONParseError("the line ends inside an array", at: index) }
            switch bytes[index] {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                depth -= 1
                return .array(elements)
            default:
                throw JSONParseError("expected ',' or ']' in an array, found \(describeByte(at: index))", at: index)
            }
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let start = index
        let count = literal.utf8CodeUnitCount
        let matches = literal.withUTF8Buffer { expected in
            guard start + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[start + offset] != expected[offset] { return false }
            return true
        }
        guard matches else {
            throw JSONParseError("not JSON: unexpected \(describeByte(at: start)) where a value was expected", at: start)
        }
        index += count
    }

    // MARK: - Numbers

    private mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else {
            throw JSONParseError("a number needs a digit after '-'", at: index)
        }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) {
                throw JSONParseError("numbers may not have leading zeros", at: start)
            }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw JSONParseError("a number needs digits after its decimal point", at: index)
            }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw JSONParseError("a number needs digits in its exponent", at: index)
            }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        return JSONNumber(text: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    // MARK: - Strings

    private mutating func parseString() throws(JSONParseError) -> String {
        index += 1  // opening quote
        let start = index
        // Fast path: scan plain bytes; most feed strings have no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 || byte == 0x7F {
                throw rawControlByteError(byte)
            }
            if byte >= 0x80 {
                try validateMultiByteScalar()
            } else {
                index += 1
            }
        }
        guard index < bytes.count else { throw JSONParseError("the line ends inside a string", at: start - 1) }
        // Slow path: copy what was scanned, then decode escapes.
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try decodeEscape()
            case 0..<0x20, 0x7F:
                throw rawControlByteError(byte)
            case 0x80...:
                let scalarStart = index
                try validateMultiByteScalar()
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[scalarStart..<index]))
            default:
                scratch.append(byte)
                index += 1
            }
        }
        throw JSONParseError("the line ends inside a string", at: start - 1)
    }

    private func rawControlByteError(_ byte: UInt8) -> JSONParseError {
        JSONParseError("raw control byte \(hex(byte)) inside a string (escape it, e.g. as \\u\(hex4(UInt16(byte))))", at: index)
    }

    private mutating func decodeEscape() throws(JSONParseError) {
        let escapeStart = index
        index += 1
        guard index < bytes.count else { throw JSONParseError("the line ends inside a string escape", at: escapeStart) }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): scratch.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): scratch.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): scratch.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try readHex4(escapeStart: escapeStart)
            let scalarValue: UInt32
            switch unit {
            case 0xD800...0xDBFF:
                // A high surrogate must be followed at once by an escaped low surrogate.
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw JSONParseError("lone surrogate escape \\u\(hex4(unit)) (a high surrogate must be followed by a low one)", at: escapeStart)
                }
                index += 2
                let low = try readHex4(escapeStart: escapeStart)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw JSONParseError("lone surrogate escape \\u\(hex4(unit)) (followed by \\u\(hex4(low)), not a low surrogate)", at: escapeStart)
                }
                scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            case 0xDC00...0xDFFF:
                throw JSONParseError("lone surrogate escape \\u\(hex4(unit)) (a low surrogate without a high one)", at: escapeStart)
            default:
                scalarValue = UInt32(unit)
            }
            // Every value here is a valid scalar: surrogates were handled above.
            let scalar = Unicode.Scalar(scalarValue)!
            scratch.append(contentsOf: UTF8.encode(scalar)!)
        default:
            throw JSONParseError("invalid escape \\\(printable(byte)) in a string", at: escapeStart)
        }
    }

    private mutating func readHex4(escapeStart: Int) throws(JSONParseError) -> UInt16 {
        guard index + 4 <= bytes.count else { throw JSONParseError("a \\u escape needs four hex digits", at: escapeStart) }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONParseError("a \\u escape needs four hex digits", at: escapeStart)
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    /// Validates one multi-byte UTF-8 sequence at `index` (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF)
    /// and refuses a raw byte-order mark, which the contract allows only at the very start of a file.
    private mutating func validateMultiByteScalar() throws(JSONParseError) {
        let lead = bytes[index]
        let length: Int
        var lowerBound: UInt8 = 0x80
        var upperBound: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lowerBound = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upperBound = 0x9F
        case 0xF0: length = 4; lowerBound = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upperBound = 0x8F
        default: throw JSONParseError("invalid UTF-8: byte \(hex(lead)) cannot start a character", at: index)
        }
        guard index + length <= bytes.count else {
            throw JSONParseError("invalid UTF-8: the line ends inside a multi-byte character", at: index)
        }
        let second = bytes[index + 1]
        guard second >= lowerBound, second <= upperBound else {
            throw JSONParseError("invalid UTF-8: byte \(hex(second)) after \(hex(lead))", at: index + 1)
        }
        for offset in 2..<max(2, length) where bytes[index + offset] & 0xC0 != 0x80 {
            throw JSONParseError("invalid UTF-8: byte \(hex(bytes[index + offset])) inside a multi-byte character", at: index + offset)
        }
        if length == 3, lead == 0xEF, second == 0xBB, bytes[index + 2] == 0xBF {
            throw JSONParseError("a byte-order mark (EF BB BF) is only allowed at the very start of a file", at: index)
        }
        index += length
    }

    // MARK: - Whitespace and messages

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): index += 1
            default: return
            }
        }
    }

    /// Names the byte at `offset` the way an operator reading the line would see it.
    private func describeByte(at offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the line" }
        let byte = bytes[offset]
        if offset + 2 < bytes.count, byte == 0xEF, bytes[offset + 1] == 0xBB, bytes[offset + 2] == 0xBF {
            return "a byte-order mark (EF BB BF; only allowed at the very start of a file)"
        }
        if byte < 0x20 || byte == 0x7F { return "raw control byte \(hex(byte))" }
        if byte >= 0x80 { return "byte \(hex(byte))" }
        return "'\(printable(byte))'"
    }

    private func printable(_ byte: UInt8) -> String {
        (0x20..<0x7F).contains(byte) ? String(UnicodeScalar(byte)) : hex(byte)
    }
}

/// `0x1F` style, without `String(format:)` (slow on Linux).
package func hex(_ byte: UInt8) -> String {
    "0x" + String(decoding: [HexDigits.digit(byte >> 4, uppercase: true), HexDigits.digit(byte & 0xF, uppercase: true)], as: UTF8.self)
}

/// Four lower-case hex digits, as in a JSON `\u` escape.
package func hex4(_ value: UInt16) -> String {
    String(decoding: (0..<4).reversed().map { HexDigits.digit(UInt8((value >> (UInt16($0) * 4)) & 0xF)) }, as: UTF8.self)
}
