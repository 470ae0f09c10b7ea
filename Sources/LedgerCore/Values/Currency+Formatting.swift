extension Currency {
    /// `minorUnits` as decimal text with this currency's scale: 1250 → "12.50" for USD, "1250" for JPY.
    /// Integer arithmetic only, so the text is exact.
    package func format(_ minorUnits: Int64) -> String {
        Self.format(minorUnits, scale: self.minorUnits)
    }

    /// `minorUnits` as decimal text with `scale` decimals, for any scale: (1250, 2) → "12.50", (-500, 2) → "-5.00",
    /// (1250, 0) → "1250", (5, 3) → "0.005". The one formatter of money text (Keap request bodies use it too).
    package static func format(_ minorUnits: Int64, scale: Int) -> String {
        var bytes: [UInt8] = []
        appendFormatted(minorUnits, scale: scale, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `format(minorUnits)`'s bytes to `bytes` (the Keap view's money, written for every folded stream).
    package func appendFormatted(_ minorUnits: Int64, to bytes: inout [UInt8]) {
        Self.appendFormatted(minorUnits, scale: self.minorUnits, to: &bytes)
    }

    /// Appends `format(minorUnits, scale:)`'s bytes to `bytes`: the digits of the magnitude (not of the negation:
    /// -Int64.min does not fit), left-padded with zeros to at least `scale + 1` digits, with the point `scale` from
    /// the end.
    package static func appendFormatted(_ minorUnits: Int64, scale: Int, to bytes: inout [UInt8]) {
        precondition(scale >= 0, "a currency scale is never negative")
        // Digits least significant first, in scratch space on the stack (UInt64.max has 20 digits).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(20, scale + 1)) { digits in
            var count = 0
            var rest = minorUnits.magnitude
            repeat {
                digits[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                count += 1
                rest /= 10
            } while rest > 0
            while count <= scale {
                digits[count] = UInt8(ascii: "0")
                count += 1
            }
            if minorUnits < 0 { bytes.append(UInt8(ascii: "-")) }
            for position in stride(from: count - 1, through: 0, by: -1) {
                bytes.append(digits[position])
                if position == scale, scale > 0 { bytes.append(UInt8(ascii: ".")) }
            }
        }
    }

    /// The amount in this currency's minor units, or nil when written with more decimals than it has or too large.
    package func minorUnits(of amount: DecimalAmount) -> Int64? {
        amount.minorUnits(scale: minorUnits)
    }
}
