/// An ISO 4217 currency code that has a minor unit (active codes only), with its number of decimals.
package struct Currency: Sendable, Hashable, CustomStringConvertible {
    /// The upper-case code, e.g. `USD`.
    package let code: String
    /// Digits after the decimal point: 0 for JPY, 2 for USD, 3 for KWD, 4 for CLF.
    package let minorUnits: Int

    /// The currency for `code`, or nil when the code is not an active ISO 4217 code with a minor unit.
    package init?(code: String) {
        guard let minorUnits = CurrencyTable.minorUnits[code] else { return nil }
        self.code = code
        self.minorUnits = minorUnits
    }

    package var description: String { code }
}
