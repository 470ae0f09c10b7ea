/// The currencies the sample feed uses: mostly USD, some EUR, a few JPY to exercise zero-decimal money.
enum FeedCurrency: UInt8, Sendable {
    case usd
    case eur
    case jpy

    /// The ISO 4217 code as it appears in the feed.
    var code: StaticString {
        switch self {
        case .usd: "USD"
        case .eur: "EUR"
        case .jpy: "JPY"
        }
    }

    /// The ISO 4217 minor unit: how many fractional digits every amount is written with.
    var decimals: Int {
        self == .jpy ? 0 : 2
    }

    /// A catalogue price (USD cents) in this currency's minor units, at fixed sample rates.
    func minorUnits(fromUSDCents cents: Int64) -> Int64 {
        switch self {
        case .usd: cents
        case .eur: (cents * 92 + 50) / 100
        case .jpy: (cents * 150 + 50) / 100
        }
    }
}
