#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a JSON value in one canonical spelling, so that two lines carry "the same JSON value" (feed.md, Identity)
/// exactly when their canonical bytes are equal: keys sorted by code point, strings unescaped to exact code points and
/// re-escaped one way, numbers by exact decimal value (`12.5` = `12.50` = `1.25e1`), no whitespace.
package enum JSONCanonicalForm {
    /// Appends the canonical bytes of `value` to `output`.
    package static func write(_ value: JSONValue, into output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): writeNumber(number.text, into: &output)
        case .string(let text): writeString(text, into: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                write(element, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            writeObject(object.members, into: &output)
        }
    }

    /// Canonical bytes of an object given as members (the caller may have added defaults first).
    package static func writeObject(_ members: [JSONMember], into output: inout [UInt8]) {
        // Sort positions, not members: moving members retains and releases their strings and values on every swap.
        // Objects are small, so insertion sort on indices is the fastest here, in a buffer on the stack (an array of
        // positions per object was a heap allocation per object of every line).
        withUnsafeTemporaryAllocation(of: Int.self, capacity: max(members.count, 1)) { order in
            for position in 0..<members.count {
                let candidate = position
                var slot = position
                while slot > 0, precedes(members[candidate].key, members[order[slot - 1]].key) {
                    order[slot] = order[slot - 1]
                    slot -= 1
                }
                order[slot] = candidate
            }
            output.append(UInt8(ascii: "{"))
            for position in 0..<members.count {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                writeString(members[order[position]].key, into: &output)
                output.append(UInt8(ascii: ":"))
                write(members[order[position]].value, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Byte-wise (code point) order of two keys, with memcmp on their contiguous UTF-8.
    private static func precedes(_ left: String, _ right: String) -> Bool {
        var left = left
        var right = right
        return left.withUTF8 { l in
            right.withUTF8 { r in
                let common = min(l.count, r.count)
                let order = common == 0 ? 0 : memcmp(l.baseAddress!, r.baseAddress!, common)
                return order < 0 || (order == 0 && l.count < r.count)
            }
        }
    }

    /// Writes `text` as a JSON string: escapes only what JSON requires (and DEL), so the bytes are stable.
    package static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            // Most strings need no escaping: copy them whole.
            if needsEscaping(bytes) {
                writeEscaped(bytes, into: &output)
            } else {
                output.append(contentsOf: bytes)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// True when `bytes` hold a byte `writeString` escapes: below 0x20, DEL, `"` or `\`. Eight bytes per step (the
    /// classic "has a byte less than n / equal to c" word tests, exact for whether any byte matches), then byte by
    /// byte: every string of every ingested line is scanned here, and byte by byte it was a tenth of the canonical
    /// form's time (session 11).
    package static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }
        var offset = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while offset + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                let below0x20 = (word &- ones &* 0x20) & ~word & highs != 0
                if below0x20 || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
                    || hasZeroByte(word ^ (ones &* 0x7F)) {
                    return true
                }
                offset += 8
            }
        }
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return true }
            offset += 1
        }
        return false
    }

    private static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
            case 0..<0x20, 0x7F:
                output.append(contentsOf: "\\u".utf8)
                output.append(contentsOf: hex4(UInt16(byte)).utf8)
            default: output.append(byte)
            }
        }
    }

    /// Writes `[-]DIGITS` or `[-]DIGITSe[-]EXP` with no leading or trailing zeros in DIGITS; zero is `0`.
    private static func writeNumber(_ text: String, into output: inout [UInt8]) {
        var text = text
        text.withUTF8 { writeNumber(utf8: $0, into: &output) }
    }

    /// The number's text is already checked against JSON's grammar (`-? int frac? exp?`). Read in place, in one pass
    /// over the mantissa: a number used to cost five arrays (its bytes, its digits, the significant digits, the
    /// exponent's text, the exponent's decimal), a fifth of the canonical form's time.
    private static func writeNumber(utf8: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        let zero = UInt8(ascii: "0")
        var position = 0
        let negative = utf8.first == UInt8(ascii: "-")
        if negative { position += 1 }
        // The significant digits run from the first non-zero digit to the last (the point skipped); the zeros after
        // the last are trailing zeros.
        var firstSignificant = -1
        var lastSignificant = -1
        var trailingZeros = 0
        var fractionDigits = 0
        var inFraction = false
        while position < utf8.count {
            let byte = utf8[position]
            if byte == UInt8(ascii: ".") {
                inFraction = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                break
            } else {
                if inFraction { fractionDigits += 1 }
                if byte != zero {
                    if firstSignificant < 0 { firstSignificant = position }
                    lastSignificant = position
                    trailingZeros = 0
                } else if firstSignificant >= 0 {
                    trailingZeros += 1
                }
            }
            position += 1
        }
        var exponentNegative = false
        if position < utf8.count {
            position += 1
            if utf8[position] == UInt8(ascii: "-") { exponentNegative = true; position += 1 }
            else if utf8[position] == UInt8(ascii: "+") { position += 1 }
        }
        while position < utf8.count, utf8[position] == zero { position += 1 }
        let trimmedExponent = UnsafeBufferPointer(rebasing: utf8[position...])
        guard firstSignificant >= 0 else {
            output.append(zero)  // -0, 0.00 and 0e5 are all zero
            return
        }
        if negative { output.append(UInt8(ascii: "-")) }
        for index in firstSignificant...lastSignificant where utf8[index] != UInt8(ascii: ".") {
            output.append(utf8[index])
        }
        // Exponents longer than 18 digits cannot be adjusted in an Int; they are kept as written (trimmed), which can
        // only make two equal values look different (a conflict), never two different values look equal.
        guard trimmedExponent.count <= 18 else {
            output.append(contentsOf: "e".utf8)
            if exponentNegative { output.append(UInt8(ascii: "-")) }
            output.append(contentsOf: trimmedExponent)
            output.append(contentsOf: "f\(fractionDigits)z\(trailingZeros)".utf8)
            return
        }
        var written = 0
        for digit in trimmedExponent { written = written * 10 + Int(digit - zero) }
        let exponent = (exponentNegative ? -written : written) - fractionDigits + trailingZeros
        if exponent != 0 {
            output.append(UInt8(ascii: "e"))
            if exponent < 0 { output.append(UInt8(ascii: "-")) }
            appendDecimal(exponent.magnitude, to: &output)
        }
    }

    /// `value` in decimal digits, without a `String` in between.
    private static func appendDecimal(_ value: UInt, to output: inout [UInt8]) {
        if value >= 10 { appendDecimal(value / 10, to: &output) }
        output.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
