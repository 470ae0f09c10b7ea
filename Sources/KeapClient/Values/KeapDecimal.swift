/// A decimal number for request bodies (`price_per_unit`, `payment_amount`), kept as exact text with the currency's
/// scale and written as a JSON number literal: `12.50`, never `12.5` and never through `Double`.
package struct KeapDecimal: Sendable, Equatable, CustomStringConvertible {
    /// E.g. `12.50`, `-5.00`, `1250`.
    package let text: String

    /// `minorUnits` with `scale` decimals: (1250, 2) → "12.50", (-500, 2) → "-5.00", (1250, 0) → "1250",
    /// (5, 3) → "0.005". The same integer-only formatting as LedgerCore's `Currency.format`, for any scale.
    package init(minorUnits: Int64, scale: Int) {
        precondition(scale >= 0, "a currency scale is never negative")
        // magnitude, not negation: -Int64.min does not fit in Int64.
        var digits = String(minorUnits.magnitude)
        if scale > 0 {
            if digits.count <= scale {
                digits = String(repeating: "0", count: scale - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        text = minorUnits < 0 ? "-" + digits : digits
    }

    /// Accepts plain decimal text `-?(0|[1-9][0-9]*)(\.[0-9]+)?` (JSON's number grammar without exponent), kept as
    /// written; nil otherwise.
    package init?(text: String) {
        var bytes = Array(text.utf8)[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let isDigit: (UInt8) -> Bool = { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        let integerPart = bytes.prefix(while: isDigit)
        guard !integerPart.isEmpty, integerPart.count == 1 || integerPart.first != UInt8(ascii: "0") else { return nil }
        let rest = bytes.dropFirst(integerPart.count)
        if !rest.isEmpty {
            guard rest.first == UInt8(ascii: "."), rest.count > 1, rest.dropFirst().allSatisfy(isDigit) else { return nil }
        }
        self.text = text
    }

    package var description: String { text }
}
