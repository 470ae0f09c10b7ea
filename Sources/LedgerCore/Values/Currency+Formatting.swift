extension Currency {
    /// `minorUnits` as decimal text with this currency's scale: 1250 → "12.50" for USD, "1250" for JPY.
    /// Integer arithmetic only, so the text is exact.
    package func format(_ minorUnits: Int64) -> String {
        let negative = minorUnits < 0
        // magnitude, not negation: -Int64.min does not fit.
        var digits = String(minorUnits.magnitude)
        if self.minorUnits > 0 {
            if digits.count <= self.minorUnits {
                digits = String(repeating: "0", count: self.minorUnits - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -self.minorUnits))
        }
        return negative ? "-" + digits : digits
    }

    /// The amount in this currency's minor units, or nil when written with more decimals than it has or too large.
    package func minorUnits(of amount: DecimalAmount) -> Int64? {
        amount.minorUnits(scale: minorUnits)
    }
}
