/// A product: the fold of `product/<sku>`. Upserts merge like customers'; `subscription` and `active` keep their
/// last given value (defaults false and true).
package struct ProductState: Sendable, Equatable {
    package let sku: String
    package var name: String?
    package var currency: Currency?
    /// Minor units of `currency`.
    package var price: Int64?
    package var isSubscription = false
    package var description: String?
    package var isActive = true
    package var anomalies: [Anomaly] = []
    package var progress = StreamProgress()

    package init(sku: String) {
        self.sku = sku
    }

    package var isComplete: Bool { name != nil }

    package mutating func apply(_ event: LedgerEvent) {
        progress.record(event)
        guard case .productUpserted(let upsert) = event.payload else { return }
        guard let minor = upsert.currency.minorUnits(of: upsert.price) else {
            anomalies.append(Anomaly(event: event, code: .amountOutOfRange, message: "price \(upsert.price) \(upsert.currency) is too large; product.upserted ignored"))
            return
        }
        name = upsert.name
        currency = upsert.currency
        price = minor
        isSubscription = upsert.subscription ?? isSubscription
        description = upsert.description ?? description
        isActive = upsert.active ?? isActive
    }
}
