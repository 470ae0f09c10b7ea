import LedgerCore

/// An amount Keap returned as `CurrencyValue {amount, currency_code, formatted_amount}`: integer minor units of the
/// tenant's currency. `formatted_amount` is display text and is not read.
package struct KeapMoney: Sendable, Equatable, CustomStringConvertible {
    package let amount: Int64
    package let currencyCode: String

    package init(amount: Int64, currencyCode: String) {
        self.amount = amount
        self.currencyCode = currencyCode
    }

    package var description: String { "\(amount) \(currencyCode) minor units" }

    /// Reads a `CurrencyValue`. `amount` must be an integer (minor units): a number with a fraction or an exponent
    /// means the units are not what we think, so it is an error rather than a rounding. A missing `amount` is 0
    /// (protobuf-style JSON, which Keap v2 uses, omits zero values); `currency_code` falls back to
    /// `defaultCurrencyCode` when given, else it is required.
    init(json value: JSONValue, field: String, defaultCurrencyCode: String? = nil) throws(KeapDecodeError) {
        guard case .object(let object) = value else {
            throw KeapDecodeError("\(field) is \(value.kindDescription), expected a CurrencyValue object")
        }
        switch object["amount"] {
        case nil, .null?:
            amount = 0
        case .number(let number)?:
            guard number.isIntegerLiteral, let minor = Int64(number.text) else {
                throw KeapDecodeError("\(field).amount \(number.text) is not an integer number of minor units")
            }
            amount = minor
        case .string(let text)?:
            // int64 as a JSON string is the protobuf JSON mapping's spelling.
            guard let minor = Int64(text), text.utf8.allSatisfy({ $0 != UInt8(ascii: "+") }) else {
                throw KeapDecodeError("\(field).amount \"\(text)\" is not an integer number of minor units")
            }
            amount = minor
        case let other?:
            throw KeapDecodeError("\(field).amount is \(other.kindDescription), expected an integer")
        }
        if case .string(let code)? = object["currency_code"], !code.isEmpty {
            currencyCode = code
        } else if let defaultCurrencyCode {
            currencyCode = defaultCurrencyCode
        } else {
            throw KeapDecodeError("\(field).currency_code is missing")
        }
    }
}
