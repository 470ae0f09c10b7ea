import LedgerCore

/// How the flush maps ledger facts the Keap API leaves open (spec/keap-sync.md's [verify] items), one setting each.
package struct SyncSettings: Sendable {
    /// Whether Keap expects DISCOUNT items with a negative price (`-5.00`, Keap sums signed prices) or a positive one
    /// it subtracts.
    package enum DiscountSign: String, Sendable {
        case positive, negative
    }

    /// How shipping, tax and discount reach Keap: as typed items (`item_type` SHIPPING, TAX, DISCOUNT, no product) or
    /// as PRODUCT items of the three products `keap setup` creates (`ChargeProducts`), for a tenant that takes
    /// PRODUCT items only.
    package enum ChargeItems: String, Sendable {
        case typed, product
    }

    /// The Keap tenant's currency: Keap orders have none of their own, so an order in another currency cannot be
    /// represented and is parked before any call.
    package var tenantCurrency: Currency
    /// Negative by default: XML-RPC, the model Keap's orders come from, took a discount as a negative price; a probe
    /// (`keap doctor --probe`) or `KEAP_DISCOUNT_SIGN` says otherwise.
    package var discountSign: DiscountSign = .negative
    /// Typed by default (the OpenAPI's item types); `keap doctor --probe` or `KEAP_CHARGE_ITEMS` says otherwise.
    package var chargeItems: ChargeItems = .typed
    /// Whether the environment set `discountSign` / `chargeItems`: a setting given wins over the doctor's finding.
    package var discountSignGiven = false
    package var chargeItemsGiven = false
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

    /// From `KEAP_CURRENCY` (default USD), `KEAP_DISCOUNT_SIGN` (positive | negative) and `KEAP_CHARGE_ITEMS`
    /// (typed | product).
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
            settings.discountSignGiven = true
        }
        if let items = environment["KEAP_CHARGE_ITEMS"] {
            guard let parsed = ChargeItems(rawValue: items) else {
                throw SyncConfigurationError("KEAP_CHARGE_ITEMS=\(items) is not valid; use typed or product")
            }
            settings.chargeItems = parsed
            settings.chargeItemsGiven = true
        }
        return settings
    }

    /// These settings with what `keap doctor --probe` learnt of the tenant, where the environment gave nothing.
    package func applying(_ findings: TenantFindings) -> SyncSettings {
        var settings = self
        if !discountSignGiven, let sign = findings.discountSign { settings.discountSign = sign }
        if !chargeItemsGiven, let items = findings.chargeItems { settings.chargeItems = items }
        return settings
    }

    /// The Manual Payment Type for a feed method (Adjustment when the feed gave none).
    func paymentMethodType(_ method: PaymentMethod?) -> String {
        method.flatMap { paymentMethodTypes[$0] } ?? "Adjustment"
    }
}
