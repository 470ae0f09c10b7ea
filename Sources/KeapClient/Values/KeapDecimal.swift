import LedgerCore

/// A decimal number for request bodies (`price_per_unit`, `payment_amount`), kept as exact text with the currency's
/// scale and written as a JSON number literal: `12.50`, never `12.5` and never through `Double`.
package struct KeapDecimal: Sendable, Equatable, CustomStringConvertible {
    /// E.g. `12.50`, `-5.00`, `1250`.
    package let text: String

    /// `minorUnits` with `scale` decimals: (1250, 2) → "12.50", (-500, 2) → "-5.00", (1250, 0) → "1250",
    /// (5, 3) → "0.005", by LedgerCore's `Currency.format`, so the ledger and its Keap calls write money alike.
    package init(minorUnits: Int64, scale: Int) {
        text = Currency.format(minorUnits, scale: scale)
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
