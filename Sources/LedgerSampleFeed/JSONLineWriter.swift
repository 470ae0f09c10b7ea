import LedgerCore

/// Builds one compact JSON line straight into reusable raw memory.
///
/// Foundation's JSON encoders allocate per value and are an order of magnitude too slow for
/// benchmark feeds. Appending to a `[UInt8]` was measured too: its uniqueness and capacity checks
/// on every small append took over a fifth of the generator's time, so the writer keeps a pointer and
/// checks uniqueness once per line (see `ByteStorage`). Commas are placed automatically: a key or
/// an array element after a completed value gets one.
struct JSONLineWriter: Sendable {
    private var storage = ByteStorage(capacity: 4096)
    /// How many bytes the line has so far.
    private(set) var count = 0
    private var needsComma = false
    /// The last formatted day (days since 1970) and its `YYYY-MM-DD` text: the date changes
    /// rarely from one event to the next, the civil-from-days arithmetic is not free.
    private var cachedDay = Int.min
    private var cachedDate: [UInt8] = []

    init() {}

    /// Starts a new line, taking sole ownership of the storage first.
    mutating func reset() {
        if !isKnownUniquelyReferenced(&storage) {
            storage = ByteStorage(capacity: storage.capacity)
        }
        count = 0
        needsComma = false
    }

    /// A copy of the line so far.
    var bytes: [UInt8] {
        withBytes { Array($0) }
    }

    /// Calls `body` with the line so far.
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: storage.pointer, count: count))
    }

    // MARK: Bytes

    /// Makes room for `extra` more bytes, so the writes that follow need no further checks.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > storage.capacity { grow(minimum: count + extra) }
    }

    /// Appends one byte.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        storage.pointer[count] = byte
        count += 1
    }

    /// Appends bytes from memory.
    @inline(__always)
    mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let source = buffer.baseAddress else { return }
        reserve(buffer.count)
        (storage.pointer + count).update(from: source, count: buffer.count)
        count += buffer.count
    }

    /// Appends an array's bytes.
    @inline(__always)
    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Appends `before`, `text` and `after` with one capacity check (keys and fixed strings).
    @inline(__always)
    private mutating func append(_ before: UInt8, _ text: StaticString, _ after: UInt8, _ trailer: UInt8? = nil) {
        let length = text.utf8CodeUnitCount
        reserve(length + 4)
        let start = storage.pointer + count
        var position = start
        if needsComma {
            position.pointee = UInt8(ascii: ",")
            position += 1
        }
        position.pointee = before
        position += 1
        position.update(from: text.utf8Start, count: length)
        position += length
        position.pointee = after
        position += 1
        if let trailer {
            position.pointee = trailer
            position += 1
        }
        count += position - start
    }

    private mutating func grow(minimum: Int) {
        let bigger = ByteStorage(capacity: max(minimum, storage.capacity * 2))
        bigger.pointer.update(from: storage.pointer, count: count)
        storage = bigger
    }

    /// Appends text that is already valid JSON in this position (no escaping, no comma logic).
    @inline(__always)
    mutating func raw(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    // MARK: Structure

    /// Opens an object.
    @inline(__always)
    mutating func beginObject() {
        append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Closes an object.
    @inline(__always)
    mutating func endObject() {
        append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Opens an array.
    @inline(__always)
    mutating func beginArray() {
        append(UInt8(ascii: "["))
        needsComma = false
    }

    /// Closes an array.
    @inline(__always)
    mutating func endArray() {
        append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Starts the next array element (writes the separating comma if one is due).
    @inline(__always)
    mutating func element() {
        if needsComma { append(UInt8(ascii: ",")) }
        needsComma = true
    }

    /// Writes `"name":`; `name` must not need escaping (all keys here are ASCII identifiers).
    @inline(__always)
    mutating func key(_ name: StaticString) {
        append(UInt8(ascii: "\""), name, UInt8(ascii: "\""), UInt8(ascii: ":"))
        needsComma = true
    }

    // MARK: Values

    /// Writes a string whose content needs no escaping (codes, enum values, fixed words).
    @inline(__always)
    mutating func plainString(_ text: StaticString) {
        // A value never takes a comma of its own: the key or `element()` before it placed it.
        let comma = needsComma
        needsComma = false
        append(UInt8(ascii: "\""), text, UInt8(ascii: "\""))
        needsComma = comma
    }

    /// Writes a string from UTF-8 bytes, escaping quotes, backslashes and control characters.
    mutating func string(_ utf8: [UInt8]) {
        append(UInt8(ascii: "\""))
        appendEscaped(utf8)
        append(UInt8(ascii: "\""))
    }

    /// Appends UTF-8 bytes as JSON string content (no quotes); the common case has nothing to escape.
    mutating func appendEscaped(_ utf8: [UInt8]) {
        if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            append(utf8)
            return
        }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0x08: raw("\\b")
            case 0x0C: raw("\\f")
            case ..<0x20:
                raw("\\u00")
                append(HexDigits.digit(byte >> 4))
                append(HexDigits.digit(byte & 0x0F))
            default:
                append(byte)
            }
        }
    }

    /// Writes `"<prefix><number>"`, the number zero-padded to at least `width` digits (refs and ids).
    @inline(__always)
    mutating func ref(_ prefix: StaticString, _ number: Int, width: Int = 1) {
        append(UInt8(ascii: "\""))
        raw(prefix)
        appendDecimal(UInt64(number), minimumWidth: width)
        append(UInt8(ascii: "\""))
    }

    /// Writes an integer as a JSON number.
    @inline(__always)
    mutating func integer(_ value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        appendDecimal(UInt64(value.magnitude), minimumWidth: 1)
    }

    /// Writes `true` or `false`.
    @inline(__always)
    mutating func bool(_ value: Bool) {
        if value { raw("true") } else { raw("false") }
    }

    /// Writes a non-negative amount of minor units as decimal text with exactly `decimals` fractional
    /// digits (`"12.50"`), or, when `asNumber`, as a JSON number with trailing zeros dropped (`12.5`).
    mutating func money(_ minorUnits: Int64, decimals: Int, asNumber: Bool) {
        precondition(minorUnits >= 0, "the sample feed never writes negative amounts")
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let whole = UInt64(minorUnits / scale)
        var fraction = minorUnits % scale
        if !asNumber { append(UInt8(ascii: "\"")) }
        appendDecimal(whole, minimumWidth: 1)
        if asNumber {
            if fraction != 0 {
                var digits = decimals
                while fraction % 10 == 0 {
                    fraction /= 10
                    digits -= 1
                }
                append(UInt8(ascii: "."))
                appendDecimal(UInt64(fraction), minimumWidth: digits)
            }
        } else {
            if decimals > 0 {
                append(UInt8(ascii: "."))
                appendDecimal(UInt64(fraction), minimumWidth: decimals)
            }
            append(UInt8(ascii: "\""))
        }
    }

    /// Writes an RFC 3339 timestamp string: `Z` when `offsetMinutes` is 0, else `±hh:mm` with the
    /// wall clock shifted so the instant is unchanged; milliseconds only when non-zero.
    mutating func timestamp(_ milliseconds: Int64, offsetMinutes: Int = 0) {
        let (days, timeOfDay) = UTCTimestamp.splitDays(milliseconds + Int64(offsetMinutes) * 60_000)
        if days != cachedDay {
            let date = Timestamp.civilFromDays(days)
            cachedDay = days
            cachedDate = UTCTimestamp.dateText(year: date.year, month: date.month, day: date.day)
        }
        let seconds = Int(timeOfDay / 1000)
        let millis = Int(timeOfDay % 1000)
        append(UInt8(ascii: "\""))
        append(cachedDate)
        append(UInt8(ascii: "T"))
        appendDecimal(UInt64(seconds / 3600), minimumWidth: 2)
        append(UInt8(ascii: ":"))
        appendDecimal(UInt64(seconds / 60 % 60), minimumWidth: 2)
        append(UInt8(ascii: ":"))
        appendDecimal(UInt64(seconds % 60), minimumWidth: 2)
        if millis != 0 {
            append(UInt8(ascii: "."))
            appendDecimal(UInt64(millis), minimumWidth: 3)
        }
        if offsetMinutes == 0 {
            append(UInt8(ascii: "Z"))
        } else {
            append(UInt8(ascii: offsetMinutes < 0 ? "-" : "+"))
            appendDecimal(UInt64(abs(offsetMinutes) / 60), minimumWidth: 2)
            append(UInt8(ascii: ":"))
            appendDecimal(UInt64(abs(offsetMinutes) % 60), minimumWidth: 2)
        }
        append(UInt8(ascii: "\""))
    }

    /// Appends decimal digits, zero-padded on the left to `minimumWidth` (at most 20).
    @inline(__always)
    mutating func appendDecimal(_ value: UInt64, minimumWidth: Int) {
        var digits = 1
        var power: UInt64 = 10
        while digits < 20 && value >= power {
            digits += 1
            power = digits < 20 ? power * 10 : power
        }
        let width = max(digits, minimumWidth)
        if count + width > storage.capacity { grow(minimum: count + width) }
        var position = storage.pointer + count + width
        var rest = value
        for _ in 0..<width {
            position -= 1
            position.pointee = UInt8(truncatingIfNeeded: rest % 10) &+ 48
            rest /= 10
        }
        count += width
    }
}
