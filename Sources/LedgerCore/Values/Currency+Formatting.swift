extension Currency {
    /// `minorUnits` as decimal text with this currency's scale: 1250 → "12.50" for USD, "1250" for JPY.
    /// Integer arithmetic only, so the text is exact.
    package func format(_ minorUnits: Int64) -> String {
        Self.format(minorUnits, scale: self.minorUnits)
    }

    /// `minorUnits` as decimal text with `scale` decimals, for any scale: (1250, 2) → "12.50", (-500, 2) → "-5.00",
    /// (1250, 0) → "1250", (5, 3) → "0.005". The one formatter of money text (Keap request bodies use it too).
    package static func format(_ minorUnits: Int64, scale: Int) -> String {
        precondition(scale >= 0, "a currency scale is never negative")
        // magnitude, not negation: -Int64.min does not fit.
        var digits = String(minorUnits.magnitude)
        if scale > 0 {
            if digits.count <= scale {
                digits = String(repeating: "0", count: scale - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return minorUnits < 0 ? "-" + digits : digits
    }

    /// The amount in this currency's minor units, or nil when written with more decimals than it has or too large.
    package func minorUnits(of amount: DecimalAmount) -> Int64? {
        amount.minorUnits(scale: minorUnits)
    }
}
