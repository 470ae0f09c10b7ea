/// A forward-only reader over one JSON line that `JSONParser` has already accepted (a line the log holds): it builds
/// no tree and names no errors, it only says "not on my fast path" (`failed`), and its caller then decodes the line
/// with the validator instead. So it may be simple where the parser is strict: it does not check UTF-8, grammar or
/// duplicate keys again, and it refuses strings with escapes rather than decoding them.
///
/// Why it exists: `rebuild` decodes every stored line, and the parser's tree (an array per object, a string per key,
/// a value enum per member) cost more than the fold and the projection writes together.
package struct TrustedJSONReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    package private(set) var index: Int
    /// Set at the first thing this reader does not handle; every later read returns nil.
    package private(set) var failed = false

    package init(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int = 0) {
        self.bytes = bytes
        self.index = index
    }

    /// Gives up on this line (the caller then uses the validator): also for a value this reader read but its caller
    /// cannot use.
    package mutating func fail() {
        failed = true
        index = bytes.count
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): index += 1
            default: return
            }
        }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Opens an object; false (and failed) when the next value is not one.
    package mutating func beginObject() -> Bool {
        if consume(UInt8(ascii: "{")) { return true }
        fail()
        return false
    }

    /// Opens an array; false (and failed) when the next value is not one.
    package mutating func beginArray() -> Bool {
        if consume(UInt8(ascii: "[")) { return true }
        fail()
        return false
    }

    /// The next member's key (its raw bytes, positioned at its value), or nil at the object's end or on failure.
    package mutating func nextKey(first: inout Bool) -> UnsafeBufferPointer<UInt8>? {
        if failed { return nil }
        if consume(UInt8(ascii: "}")) { return nil }
        if !first, !consume(UInt8(ascii: ",")) {
            fail()
            return nil
        }
        first = false
        guard let key = rawString(), consume(UInt8(ascii: ":")) else {
            fail()
            return nil
        }
        return key
    }

    /// True while the array has another element (positioned at it), false at its end or on failure.
    package mutating func nextElement(first: inout Bool) -> Bool {
        if failed { return false }
        if consume(UInt8(ascii: "]")) { return false }
        if !first, !consume(UInt8(ascii: ",")) {
            fail()
            return false
        }
        first = false
        return true
    }

    /// The bytes between the quotes of the next string, which must have no escapes.
    private mutating func rawString() -> UnsafeBufferPointer<UInt8>? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                let text = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                return text
            case UInt8(ascii: "\\"):
                return nil
            default:
                index += 1
            }
        }
        return nil
    }

    /// True (and consumed) when the next value is `null`, which the contract reads as "absent" for optional fields.
    package mutating func null() -> Bool {
        skipWhitespace()
        guard index + 4 <= bytes.count, bytes[index] == UInt8(ascii: "n") else { return false }
        index += 4
        return true
    }

    /// The next value as a string (nil and failed for anything else, or a string with escapes). Built exactly as the
    /// parser builds an escape-free string, so the two agree byte for byte.
    package mutating func string() -> String? {
        guard !failed, let raw = rawString() else {
            fail()
            return nil
        }
        return String(decoding: raw, as: UTF8.self)
    }

    /// The next value as an event type's name (nil and failed for anything else), read in place.
    package mutating func eventType() -> EventType? {
        guard !failed, let raw = rawString(), let type = EventType(name: raw) else {
            fail()
            return nil
        }
        return type
    }

    /// The next value's text when it is a number or a string (money may be either), else nil and failed.
    package mutating func numberOrStringText() -> String? {
        numberOrStringBytes().map { String(decoding: $0, as: UTF8.self) }
    }

    /// `numberOrStringText`'s bytes, in the line (no string is made).
    private mutating func numberOrStringBytes() -> UnsafeBufferPointer<UInt8>? {
        skipWhitespace()
        guard !failed, index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "\"") {
            guard let raw = rawString() else {
                fail()
                return nil
            }
            return raw
        }
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                 UInt8(ascii: "e"), UInt8(ascii: "E"):
                index += 1
            default:
                guard index > start else {
                    fail()
                    return nil
                }
                return UnsafeBufferPointer(rebasing: bytes[start..<index])
            }
        }
        fail()
        return nil
    }

    /// The next value as an integer literal that fits in `Int`, else nil and failed.
    package mutating func integer() -> Int? {
        skipWhitespace()
        guard index < bytes.count, bytes[index] != UInt8(ascii: "\"") else {
            fail()
            return nil
        }
        guard let text = numberOrStringText(), let value = JSONNumber(text: text).intValue else {
            fail()
            return nil
        }
        return value
    }

    /// The next value as a boolean, else nil and failed.
    package mutating func bool() -> Bool? {
        skipWhitespace()
        if index + 4 <= bytes.count, bytes[index] == UInt8(ascii: "t") {
            index += 4
            return true
        }
        if index + 5 <= bytes.count, bytes[index] == UInt8(ascii: "f") {
            index += 5
            return false
        }
        fail()
        return nil
    }

    /// Steps over the next value of any kind (a member this decoder does not read: the contract keeps unknown
    /// fields and ignores them).
    package mutating func skipValue() {
        skipWhitespace()
        guard !failed, index < bytes.count else {
            fail()
            return
        }
        var depth = 0
        repeat {
            guard index < bytes.count else {
                fail()
                return
            }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                index += 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                index += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                index += 1
            case UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"),
                 UInt8(ascii: "\n"):
                index += 1
            default:
                // A number or a literal: up to the next delimiter.
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
                        || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
                        || byte == UInt8(ascii: "\n") { break }
                    index += 1
                }
            }
        } while depth > 0 && !failed
    }

    // MARK: - Values of the feed's types, built as the validator builds them

    /// A string, or nil for `null` (optional fields: `null` means absent).
    package mutating func optionalString() -> String? {
        null() ? nil : string()
    }

    /// An amount written as a string or a number (`DecimalAmount(text:)`, as the validator reads it).
    package mutating func money() -> DecimalAmount? {
        guard let text = numberOrStringBytes(), let amount = DecimalAmount(utf8: text) else {
            fail()
            return nil
        }
        return amount
    }

    package mutating func optionalMoney() -> DecimalAmount? {
        null() ? nil : money()
    }

    package mutating func timestamp() -> Timestamp? {
        guard !failed, let text = rawString(), let timestamp = try? Timestamp(rfc3339: text) else {
            fail()
            return nil
        }
        return timestamp
    }

    package mutating func optionalTimestamp() -> Timestamp? {
        null() ? nil : timestamp()
    }

    /// One of `Choice`'s raw values (the validator accepted exactly one, byte for byte).
    package mutating func choice<Choice: RawRepresentable>(_: Choice.Type) -> Choice? where Choice.RawValue == String {
        guard let text = string(), let choice = Choice(rawValue: text) else {
            fail()
            return nil
        }
        return choice
    }

    package mutating func optionalChoice<Choice: RawRepresentable>(_ type: Choice.Type) -> Choice? where Choice.RawValue == String {
        null() ? nil : choice(type)
    }

    package mutating func currency() -> Currency? {
        guard let code = string(), let currency = Currency(code: code) else {
            fail()
            return nil
        }
        return currency
    }

    package mutating func optionalInteger() -> Int? {
        null() ? nil : integer()
    }

    package mutating func optionalBool() -> Bool? {
        null() ? nil : bool()
    }

    /// Moves to `offset` (a value recorded earlier, read after the members that give it meaning).
    package mutating func seek(to offset: Int) {
        if !failed { index = offset }
    }

    /// True when the rest of the line is whitespace (the top-level object was read whole).
    package mutating func atEnd() -> Bool {
        skipWhitespace()
        return !failed && index == bytes.count
    }
}
