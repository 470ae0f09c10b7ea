/// A non-negative money amount read from exact decimal text, as the feed writes it (never through `Double`).
package struct DecimalAmount: Sendable, Hashable, CustomStringConvertible {
    /// Digits before the point, without leading zeros ("0" for zero).
    package let integerDigits: String
    /// Digits after the point exactly as written (may be empty; trailing zeros kept, since they count as written).
    package let fractionDigits: String

    /// Parses `^(0|[1-9][0-9]{0,14})(\.[0-9]+)?$`; nil when the text does not match.
    package init?(text: String) {
        var text = text
        guard let amount = text.withUTF8({ DecimalAmount(utf8: $0) }) else { return nil }
        self = amount
    }

    /// `init(text:)` over the text's UTF-8 bytes, read in place (the decoder of stored lines reads amounts straight
    /// from the line).
    package init?(utf8: UnsafeBufferPointer<UInt8>) {
        var position = 0
        while position < utf8.count, utf8[position] >= UInt8(ascii: "0"), utf8[position] <= UInt8(ascii: "9") {
            position += 1
        }
        let integerPart = utf8[0..<position]
        guard !integerPart.isEmpty, integerPart.count <= 15 else { return nil }
        if integerPart.count > 1, integerPart.first == UInt8(ascii: "0") { return nil }
        var fractionPart = utf8[position..<position]
        if position < utf8.count {
            guard utf8[position] == UInt8(ascii: ".") else { return nil }
            let fractionStart = position + 1
            var end = fractionStart
            while end < utf8.count, utf8[end] >= UInt8(ascii: "0"), utf8[end] <= UInt8(ascii: "9") { end += 1 }
            guard end > fractionStart, end == utf8.count else { return nil }
            fractionPart = utf8[fractionStart..<end]
        }
        integerDigits = String(decoding: integerPart, as: UTF8.self)
        fractionDigits = String(decoding: fractionPart, as: UTF8.self)
    }

    /// Number of fractional digits as written (`"19.990"` has 3).
    package var writtenDecimalPlaces: Int { fractionDigits.utf8.count }

    /// The amount in minor units of a currency with `scale` decimals, or nil when written with more decimals than
    /// that, or when the fraction, after dropping zeros beyond `scale`, would not fit.
    package func minorUnits(scale: Int) -> Int64? {
        guard writtenDecimalPlaces <= scale, let whole = Int64(integerDigits) else { return nil }
        var result = whole
        var fraction = Array(fractionDigits.utf8)
        while fraction.count < scale { fraction.append(UInt8(ascii: "0")) }
        for digit in fraction {
            let (shifted, overflow) = result.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            let (sum, overflow2) = shifted.addingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
            guard !overflow2 else { return nil }
            result = sum
        }
        return result
    }

    package var description: String {
        fractionDigits.isEmpty ? integerDigits : integerDigits + "." + fractionDigits
    }
}
