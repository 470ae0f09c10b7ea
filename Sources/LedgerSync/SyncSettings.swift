import LedgerCore

/// How the flush maps ledger facts the Keap API leaves open (spec/keap-sync.md's [verify] items), one setting each.
package struct SyncSettings: Sendable {
    /// Whether Keap expects DISCOUNT items with a negative price (`-5.00`) or a positive one it subtracts.
    package enum DiscountSign: String, Sendable {
        case positive, negative
    }

    /// The Keap tenant's currency: Keap orders have none of their own, so an order in another currency cannot be
    /// represented and is parked before any call.
    package var tenantCurrency: Currency
    package var discountSign: DiscountSign = .positive
    /// Feed payment method -> the tenant's Manual Payment Type name (must match one configured in Keap exactly).
    package var paymentMethodTypes: [PaymentMethod: String] = [
        .card: "Credit Card (Manual)", .cash: "Cash", .check: "Check",
        .paypal: "Adjustment", .bank: "Adjustment", .other: "Adjustment",
    ]
    /// Failed flush attempts after which a stream is parked (spec rule 4).
    package var maxAttempts: Int = 5
    /// Streams sent at the same time (each stream's own calls stay in order; the rate limiter is shared).
    package var concurrency: Int = 4

    package init(tenantCurrency: Currency) {
        self.tenantCurrency = tenantCurrency
    }

    /// From `KEAP_CURRENCY` (default USD) and `KEAP_DISCOUNT_SIGN` (positive | negative).
    package static func fromEnvironment(_ environment: [String: String]) throws(SyncConfigurationError) -> SyncSettings {
        let code = environment["KEAP_CURRENCY"] ?? "USD"
        guard let currency = Currency(code: code) else {
            throw SyncConfigurationError("KEAP_CURRENCY=\(code) is not an ISO 4217 currency code; set it to the Keap tenant's currency, for example USD")
        }
        var settings = SyncSettings(tenantCurrency: currency)
        if let sign = environment["KEAP_DISCOUNT_SIGN"] {
            guard let parsed = DiscountSign(rawValue: sign) else {
                throw SyncConfigurationError("KEAP_DISCOUNT_SIGN=\(sign) is not valid; use positive or negative")
            }
            settings.discountSign = parsed
        }
        return settings
    }

    /// The Manual Payment Type for a feed method (Adjustment when the feed gave none).
    func paymentMethodType(_ method: String?) -> String {
        method.flatMap(PaymentMethod.init(rawValue:)).flatMap { paymentMethodTypes[$0] } ?? "Adjustment"
    }
}
