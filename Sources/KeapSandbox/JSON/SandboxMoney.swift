import LedgerCore

/// The tenant currency and Keap's money encodings: `CurrencyValue {amount (minor), currency_code, formatted_amount}`
/// in responses, decimal major units where the schema says `number`.
struct SandboxMoney: Sendable {
    let currency: Currency

    /// `CurrencyValue`.
    func currencyValue(_ minor: Int64) -> JSONValue {
        .object([
            "amount": .integer(minor),
            "currency_code": .string(currency.code),
            "formatted_amount": .string(formatted(minor)),
        ])
    }

    /// A JSON number in major units with the currency's scale (`12.50`), written from integers only.
    func decimalNumber(_ minor: Int64) -> JSONValue {
        .number(JSONNumber(text: currency.format(minor)))
    }

    /// `$1,234.50`-style display text; the symbol for common currencies, else the code.
    func formatted(_ minor: Int64) -> String {
        var text = currency.format(minor)
        if text.hasPrefix("-") { text.removeFirst() }
        var integer = Substring(text)
        var fraction: Substring = ""
        if let point = text.firstIndex(of: ".") {
            integer = text[..<point]
            fraction = text[point...]
        }
        var grouped = ""
        for (index, digit) in integer.enumerated() {
            if index > 0, (integer.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        let symbol: String = switch currency.code {
        case "USD", "CAD", "AUD", "NZD": "$"
        case "EUR": "€"
        case "GBP": "£"
        case "JPY": "¥"
        default: currency.code + " "
        }
        return (minor < 0 ? "-" : "") + symbol + grouped + fraction
    }
}
