/// Writes a Keap view as compact JSON straight into bytes, members in the order the caller writes them: the bytes
/// the outbox hashes (`desired_hash`) and stores (`confirmed_json`). They must stay exactly what the untyped
/// `JSONValue` view wrote before issue 14 (`KeapViewBytesPinTests` pins them), so this writes what `JSONWriter` wrote
/// for the same members: strings through `JSONCanonicalForm.writeString`, integers in decimal, no whitespace.
/// Appending in place builds no tree of values first: the fold workers build and hash one view per folded stream.
struct KeapViewWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the next member or element needs a comma before it.
    private var needsComma = false

    init() {
        bytes.reserveCapacity(512)
    }

    mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// A member's key; its value follows. Keys are this program's ASCII literals: nothing to escape.
    mutating func key(_ key: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func string(_ text: String) {
        separate()
        JSONCanonicalForm.writeString(text, into: &bytes)
        needsComma = true
    }

    /// A string, or null when absent.
    mutating func text(_ text: String?) {
        if let text { string(text) } else { null() }
    }

    mutating func integer(_ value: Int64) {
        separate()
        // Scale 0 is an integer's decimal text, written without a String in between.
        Currency.appendFormatted(value, scale: 0, to: &bytes)
        needsComma = true
    }

    mutating func bool(_ flag: Bool) {
        separate()
        bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        needsComma = true
    }

    mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
        needsComma = true
    }

    /// Money as decimal text in the currency's scale (`"12.50"`, `"1500"` for JPY): Keap's decimals. Digits, a
    /// sign and a point need no escaping, so they are written straight in, as `string(currency.format(…))` would.
    mutating func money(_ minorUnits: Int64, _ currency: Currency) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        currency.appendFormatted(minorUnits, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// A timestamp as fixed-width UTC text (`2026-11-20T14:03:11.000000000Z`), or null; ASCII digits and
    /// separators, written straight in like `money`.
    mutating func time(_ timestamp: Timestamp?) {
        guard let timestamp else { return null() }
        separate()
        bytes.append(UInt8(ascii: "\""))
        timestamp.appendUTCText(to: &bytes)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }
}
